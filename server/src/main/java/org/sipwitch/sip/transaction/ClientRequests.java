package org.sipwitch.sip.transaction;

import java.util.List;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

/** The two requests a client transaction builds itself: ACK for a non-2xx, and CANCEL. */
public final class ClientRequests {
    private ClientRequests() {
    }

    /**
     * §17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via (so the same
     * branch) as the INVITE, the To of the response (with its tag), the INVITE's Route.
     */
    public static SipRequest ackFor(SipRequest invite, SipResponse response) throws SipParseException {
        return derive(invite, "ACK", response.header(HeaderNames.TO));
    }

    /**
     * §9.1: same Request-URI, Call-ID, To, From, Route, CSeq number and top Via as the
     * INVITE; the method is CANCEL. It is its own transaction (branch + method CANCEL).
     */
    public static SipRequest cancelFor(SipRequest invite) throws SipParseException {
        return derive(invite, "CANCEL", invite.header(HeaderNames.TO));
    }

    private static SipRequest derive(SipRequest invite, String method, String to) throws SipParseException {
        SipRequest r = new SipRequest(method, invite.uri());
        List<String> vias = invite.headers().values(HeaderNames.VIA);
        if (vias.isEmpty()) {
            throw new SipParseException("INVITE without Via");
        }
        r.addHeader(HeaderNames.VIA, vias.get(0));
        for (String route : invite.headers().getAll(HeaderNames.ROUTE)) {
            r.addHeader(HeaderNames.ROUTE, route);
        }
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, invite.header(HeaderNames.FROM));
        r.addHeader(HeaderNames.TO, to);
        r.addHeader(HeaderNames.CALL_ID, invite.callId());
        r.addHeader(HeaderNames.CSEQ, invite.cseq().sequence() + " " + method);
        return r;
    }
}
