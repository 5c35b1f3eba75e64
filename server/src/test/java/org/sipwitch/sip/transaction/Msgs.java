package org.sipwitch.sip.transaction;

import java.net.InetSocketAddress;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/** Builds the messages of the tests the way a decoder would hand them over. */
final class Msgs {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    static final Peer PHONE_UDP = new Peer(Transport.UDP, new InetSocketAddress("192.0.2.10", 5062));
    static final Peer PHONE_TCP = new Peer(Transport.TCP, new InetSocketAddress("192.0.2.10", 40000));

    private Msgs() {
    }

    /** A request from the phone: Via with the given branch (and rport stamped with the source port). */
    static SipRequest request(String method, String branch, String callId, long cseq) {
        return request(method, branch, callId, cseq, "UDP");
    }

    static SipRequest request(String method, String branch, String callId, long cseq, String transport) {
        try {
            SipRequest r = new SipRequest(method, SipUri.parse("sip:bob@example.net"));
            String via = "SIP/2.0/" + transport + " 192.0.2.10:5062" + (branch == null ? "" : ";branch=" + branch)
                    + ";rport=5062";
            r.addHeader(HeaderNames.VIA, via);
            r.addHeader(HeaderNames.MAX_FORWARDS, "70");
            r.addHeader(HeaderNames.FROM, "<sip:alice@example.net>;tag=a1");
            r.addHeader(HeaderNames.TO, "<sip:bob@example.net>");
            r.addHeader(HeaderNames.CALL_ID, callId);
            r.addHeader(HeaderNames.CSEQ, cseq + " " + (method.equals("ACK") ? "ACK" : method));
            return r;
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The ACK a phone sends for a non-2xx: same branch, To with our tag. */
    static SipRequest ackFor(SipRequest invite, SipResponse response) {
        try {
            SipRequest ack = request("ACK", invite.topVia().branch(), invite.callId(), invite.cseq().sequence());
            ack.setHeader(HeaderNames.TO, response.header(HeaderNames.TO));
            return ack;
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    /** A request we send as a client; the top Via is ours. */
    static SipRequest outgoing(String method, String callId) {
        SipRequest r = request(method, Responses.newBranch(), callId, 1);
        r.setHeader(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:5060;branch=" + Responses.newBranch() + ";rport");
        r.addHeader(HeaderNames.ROUTE, "<sip:proxy.example.net;lr>");
        return r;
    }

    /** The response a peer sends to our request. */
    static SipResponse answer(SipRequest request, int status, String toTag) {
        SipResponse r = Responses.create(request, status);
        if (toTag != null) {
            Responses.ensureToTag(r, toTag);
        }
        return r;
    }

    static InboundMessage from(Peer peer, org.sipwitch.sip.message.SipMessage m) {
        return new InboundMessage(m, peer, LOCAL);
    }

    static InboundMessage udp(org.sipwitch.sip.message.SipMessage m) {
        return from(PHONE_UDP, m);
    }
}
