package org.sipwitch.sip.server;

import java.util.function.Supplier;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * OPTIONS addressed to the server (RFC 3261 §11.2): phones and monitoring probes
 * ("sipp -sn", Kamailio's keepalives) use it to see that we are alive and what we
 * support.
 */
public final class OptionsHandler implements RequestHandler {
    private final Supplier<String> allow;

    public OptionsHandler(Supplier<String> allow) {
        this.allow = allow;
    }

    @Override
    public void handle(ServerTransaction tx) {
        SipResponse r = tx.createResponse(200);
        r.setHeader(HeaderNames.ALLOW, allow.get());
        r.setHeader(HeaderNames.ACCEPT, "application/sdp, text/plain");
        r.setHeader(HeaderNames.SUPPORTED, Extensions.SUPPORTED);
        r.setHeader("Accept-Encoding", "identity");
        r.setHeader("Accept-Language", "en");
        tx.respond(r);
    }
}
