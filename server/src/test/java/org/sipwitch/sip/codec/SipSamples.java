package org.sipwitch.sip.codec;

/** Typical messages as phones send them, used by the decoder tests (and the benchmarks' shape). */
final class SipSamples {
    static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.7\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.7\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";

    private SipSamples() {
    }

    static String register() {
        return "REGISTER sip:example.net SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK776asdhds;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: \"Alice\" <sip:alice@example.net>\r\n"
                + "From: \"Alice\" <sip:alice@example.net>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@192.0.2.7\r\n"
                + "CSeq: 314159 REGISTER\r\n"
                + "Contact: <sip:alice@192.0.2.7:5060>;expires=3600\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    static String invite() {
        return "INVITE sip:bob@example.net SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.7:5060;branch=z9hG4bKnashds8\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Bob <sip:bob@example.net>\r\n"
                + "From: Alice <sip:alice@example.net>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.7>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n"
                + "\r\n"
                + SDP;
    }

    static String options(String callId) {
        return "OPTIONS sip:example.net SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:probe@example.net>;tag=7\r\n"
                + "To: <sip:example.net>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    static String response() {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKabc\r\n"
                + "From: <sip:a@example.net>;tag=1\r\n"
                + "To: <sip:b@example.net>;tag=2\r\n"
                + "Call-ID: resp1\r\n"
                + "CSeq: 5 OPTIONS\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }
}
