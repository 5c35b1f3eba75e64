package org.sipwitch.sip.call;

import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;
import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * Instant messages outside a call (RFC 3428): a MESSAGE from an authenticated user to a
 * user or extension is sent to every binding of the target, each as its own request
 * from the server; the first 2xx answers the sender, and when every binding failed the
 * sender gets 480 (486 when all were busy). The server itself sends from the
 * {@code system} identity ({@code sipwitchctl message ext "text"}).
 */
final class MessageRelay {
    private final CallContext ctx;
    private final CallerCheck callers;
    private final TargetResolver resolver;

    MessageRelay(CallContext ctx, CallerCheck callers, TargetResolver resolver) {
        this.ctx = ctx;
        this.callers = callers;
        this.resolver = resolver;
    }

    /** Lane (of the MESSAGE's Call-ID): relays one out-of-dialog MESSAGE. */
    void relay(ServerTransaction tx, CallSettings settings) {
        SipRequest in = tx.request();
        CallerCheck.Result who = callers.check(in, tx.inbound().source(), settings);
        if (who.refusal() != null) {
            tx.respond(who.refusal());
            return;
        }
        TargetResolver.Target target = resolver.resolve(in, who.fromNode());
        if (target.refused()) {
            tx.respond(target.refusal());
            return;
        }
        String domain = settings.domain();
        Fanout fanout = new Fanout(tx, target.bindings().size());
        NameAddress from = new NameAddress(who.user().display(), ctx.requests.uri(userPart(who.user()), settings.domain()), null);
        for (Binding b : target.bindings()) {
            SipRequest out = message(from, target.user(), b, domain);
            if (out == null) {
                fanout.failed(400);
                continue;
            }
            LegRequests.copyPayload(in, out);
            ctx.layer.sendRequest(out, ctx.reach(b), fanout, in.callId());
        }
    }

    /**
     * Sends {@code text} from {@code system} to every binding of a user or extension;
     * returns how many. Responses are not waited for.
     *
     * @throws IllegalArgumentException when the user is unknown or not registered
     */
    int sendFromSystem(String userOrExtension, String text, String domain) {
        TargetResolver.Target target = resolver.resolve(SipUri.sip(userOrExtension, "localhost", -1));
        if (target.user() == null) {
            throw new IllegalArgumentException("no such user: " + userOrExtension);
        }
        if (target.bindings().isEmpty()) {
            throw new IllegalArgumentException(userOrExtension + " is not registered");
        }
        NameAddress from = new NameAddress("system", ctx.requests.uri(CallStatistics.SYSTEM, domain), null);
        int sent = 0;
        for (Binding b : target.bindings()) {
            SipRequest out = message(from, target.user(), b, domain);
            if (out != null) {
                out.setBody(text.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8");
                ctx.layer.sendRequest(out, ctx.reach(b), ClientTransactionListener.IGNORE, out.callId());
                sent++;
            }
        }
        return sent;
    }

    private static String userPart(UserIdentity u) {
        return u.extension() != null ? u.extension() : u.id();
    }

    /** A new out-of-dialog MESSAGE to one binding (§8.1.1): our Via, fresh Call-ID and From tag. */
    private SipRequest message(NameAddress from, UserIdentity to, Binding b, String domain) {
        SipUri uri;
        try {
            uri = SipUri.parse(b.contact());
        } catch (SipParseException e) {
            return null;
        }
        SipRequest r = new SipRequest("MESSAGE", uri);
        Peer next = ctx.reach(b);
        r.addHeader(HeaderNames.VIA, ctx.requests.via(next));
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, from.withParam("tag", Responses.newTag()).toString());
        r.addHeader(HeaderNames.TO, new NameAddress(to.display(), ctx.requests.uri(to.id(), domain), null).toString());
        r.addHeader(HeaderNames.CALL_ID, Responses.newTag() + "@sipwitch");
        r.addHeader(HeaderNames.CSEQ, "1 MESSAGE");
        r.addHeader(HeaderNames.USER_AGENT, LegRequests.USER_AGENT);
        if (ctx.routes.via(b) != null) {
            ctx.routes.sign(r); // the node that holds the phone relays it on
        }
        return r;
    }

    /** Collects the answers of one relayed MESSAGE; lane-confined to the sender's Call-ID. */
    private static final class Fanout implements ClientTransactionListener {
        private final ServerTransaction tx;
        private int waiting;
        private boolean answered;
        private boolean allBusy = true;

        Fanout(ServerTransaction tx, int legs) {
            this.tx = tx;
            this.waiting = legs;
        }

        @Override
        public void onFinal(ClientTransaction ctx, SipResponse response) {
            if (response.isSuccess()) {
                if (!answered) {
                    answered = true;
                    tx.respond(tx.createResponse(response.status()));
                }
                return;
            }
            failed(response.status());
        }

        void failed(int status) {
            allBusy &= status == 486 || status == 600;
            if (--waiting == 0 && !answered) {
                answered = true;
                tx.respond(allBusy ? 486 : 480);
            }
        }
    }
}
