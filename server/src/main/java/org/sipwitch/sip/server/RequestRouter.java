package org.sipwitch.sip.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.ServerTransaction;
import org.sipwitch.sip.transaction.TransactionUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The method router: the transaction user that hands each new request to the
 * handler registered for its method. Methods nobody handles get {@code 501} with
 * an {@code Allow} header listing what we do handle (RFC 3261 §8.2.1); a request that
 * requires an extension we lack gets {@code 420} first ({@link Extensions}).
 */
public final class RequestRouter implements TransactionUser {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private volatile RequestFilter filter = RequestFilter.ALLOW_ALL;
    private volatile DialogHandler dialogs = DialogHandler.NONE;

    public RequestRouter handle(String method, RequestHandler handler) {
        handlers.put(method, handler);
        return this;
    }

    public void setDialogHandler(DialogHandler handler) {
        this.dialogs = handler == null ? DialogHandler.NONE : handler;
    }

    /** Access control run before any handler (policy lists, block list, rate limits). */
    public void setFilter(RequestFilter newFilter) {
        this.filter = newFilter == null ? RequestFilter.ALLOW_ALL : newFilter;
    }

    /** The methods we handle, for Allow headers. */
    public String allow() {
        return String.join(", ", new java.util.TreeSet<>(handlers.keySet()));
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        try {
            if (!filter.admit(tx)) {
                return; // the filter answered or dropped it
            }
            java.util.List<String> unsupported = Extensions.unsupported(tx.request());
            if (!unsupported.isEmpty()) {
                SipResponse r = tx.createResponse(420);
                r.setHeader(HeaderNames.UNSUPPORTED, String.join(", ", unsupported));
                tx.respond(r);
                return;
            }
            RequestHandler h = handlers.get(tx.request().method());
            if (h == null) {
                SipResponse r = tx.createResponse(501);
                r.setHeader(HeaderNames.ALLOW, allow());
                tx.respond(r);
                return;
            }
            h.handle(tx);
        } catch (RuntimeException e) {
            // a bug in one handler must cost one request, never the lane
            LOG.error("handling {} failed: {}", tx.method(), e.toString(), e);
            tx.respond(500);
        }
    }

    @Override
    public void onAck(InboundMessage ack) {
        try {
            dialogs.onAck(ack);
        } catch (RuntimeException e) {
            LOG.error("handling ACK failed: {}", e.toString(), e);
        }
    }

    @Override
    public void onAckNotResent(Peer to, Throwable cause) {
        dialogs.onAckNotResent(to, cause);
    }

    @Override
    public void onStrayResponse(InboundMessage response) {
        try {
            dialogs.onStrayResponse(response);
        } catch (RuntimeException e) {
            LOG.error("handling a stray response failed: {}", e.toString(), e);
        }
    }
}
