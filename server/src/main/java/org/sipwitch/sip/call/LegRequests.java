package org.sipwitch.sip.call;

import java.util.List;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * Builds the requests the server originates on a leg: the Via and Contact are ours
 * (RFC 3261 §8.1.1), the dialog identifiers the leg's (§12.2.1.1). Headers that
 * describe the payload travel with the body; everything else stays on its own leg.
 */
final class LegRequests {
    static final String USER_AGENT = "sipwitch-jvm";
    /**
     * Headers relayed with a body or an in-dialog request (what the far phone needs to
     * read it). Require/Supported are not: the server itself implements no extension
     * (no 100rel, no session timers), so it must not let phones negotiate one through it.
     */
    private static final List<String> PAYLOAD_HEADERS = List.of("Content-Disposition", "Content-Language",
            "Content-Encoding", "Info-Package", "Event", "Subscription-State", "Subject", "Refer-To", "Referred-By");

    private final LocalAddress local;

    LegRequests(LocalAddress local) {
        this.local = local;
    }

    /** Our top Via toward that peer, with a fresh branch and rport (RFC 3581). */
    String via(Peer peer) {
        Transport t = peer.transport();
        return "SIP/2.0/" + t.token() + " " + local.host() + ":" + local.port(t) + ";branch=" + Responses.newBranch()
                + ";rport";
    }

    /** Our Contact on a leg reached over that peer's transport. */
    String contact(String user, Peer peer) {
        Transport t = peer.transport();
        StringBuilder b = new StringBuilder(64).append("<sip:");
        if (user != null && !user.isEmpty()) {
            b.append(user).append('@');
        }
        b.append(local.host()).append(':').append(local.port(t));
        if (t != Transport.UDP) {
            b.append(";transport=").append(t.uriParam());
        }
        return b.append('>').toString();
    }

    /** {@code sip:user@DOMAIN}: the site's domain, not our address (identity, not routing). */
    SipUri uri(String user, String domain) {
        return SipUri.sip(user, domain, -1);
    }

    /** A new request in the leg's dialog, with the next CSeq of our side. */
    SipRequest inDialog(Leg leg, String method) {
        return inDialog(leg, method, leg.nextCseq());
    }

    /**
     * ACK of a 2xx (§13.2.2.4): same CSeq number as its INVITE, a transaction of its own;
     * with the payload of {@code payloadFrom} (the answer to a delayed offer) unless null.
     */
    SipRequest ack(Leg leg, long inviteCseq, SipMessage payloadFrom) {
        SipRequest ack = inDialog(leg, "ACK", inviteCseq);
        if (payloadFrom != null) {
            copyPayload(payloadFrom, ack);
        }
        return ack;
    }

    private SipRequest inDialog(Leg leg, String method, long cseq) {
        SipRequest r = new SipRequest(method, leg.remoteTarget);
        r.addHeader(HeaderNames.VIA, via(leg.peer));
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        for (String route : leg.routes) {
            r.addHeader(HeaderNames.ROUTE, route); // loose routing (§16.12): the proxy that asked to stay in the path
        }
        r.addHeader(HeaderNames.FROM, leg.local.toString());
        r.addHeader(HeaderNames.TO, leg.remote.toString());
        r.addHeader(HeaderNames.CALL_ID, leg.callId());
        r.addHeader(HeaderNames.CSEQ, cseq + " " + method);
        if (!method.equals("BYE") && !method.equals("ACK") && !method.equals("CANCEL")) {
            r.addHeader(HeaderNames.CONTACT, contact(leg.local.uri().user(), leg.peer));
        }
        r.addHeader(HeaderNames.USER_AGENT, USER_AGENT);
        return r;
    }

    /** Copies body, Content-Type and the payload-describing headers of one message onto another. */
    static void copyPayload(SipMessage from, SipMessage to) {
        for (String name : PAYLOAD_HEADERS) {
            List<String> values = from.headers().getAll(name);
            if (!values.isEmpty()) {
                to.headers().remove(name);
                for (String v : values) {
                    to.addHeader(name, v);
                }
            }
        }
        if (from.body().length > 0) {
            to.setBody(from.body(), from.header(HeaderNames.CONTENT_TYPE));
        }
    }
}
