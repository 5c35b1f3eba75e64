package org.sipwitch.sip.registrar;

import java.net.InetSocketAddress;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * A scripted softphone for registrar tests: builds REGISTERs and answers digest
 * challenges with its own (test-side) hashing, like a real UA would.
 */
public final class TestPhone {
    final String user;
    final String password;
    final Peer peer;
    final String callId;
    String contact;
    long cseq = 1;
    int nc = 0;
    String lastNonce;

    public TestPhone(String user, String password, String ip, int port) {
        this.user = user;
        this.password = password;
        this.peer = new Peer(Transport.UDP, new InetSocketAddress(ip, port));
        this.callId = "reg-" + user + "-" + port + "@" + ip;
        this.contact = "<sip:" + user + "@" + ip + ":" + port + ">";
    }

    public SipRequest register(String toUser, Integer expires, String... contacts) {
        try {
            SipRequest r = new SipRequest("REGISTER", SipUri.parse("sip:example.net"));
            r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP " + peer.address().getHostString() + ":"
                    + peer.address().getPort() + ";branch=z9hG4bK" + cseq + callId.hashCode());
            r.addHeader(HeaderNames.MAX_FORWARDS, "70");
            r.addHeader(HeaderNames.FROM, "<sip:" + user + "@example.net>;tag=f" + port());
            r.addHeader(HeaderNames.TO, "<sip:" + toUser + "@example.net>");
            r.addHeader(HeaderNames.CALL_ID, callId);
            r.addHeader(HeaderNames.CSEQ, cseq++ + " REGISTER");
            String[] cs = contacts.length == 0 ? new String[] {contact} : contacts;
            for (String c : cs) {
                r.addHeader(HeaderNames.CONTACT, c);
            }
            if (expires != null) {
                r.addHeader(HeaderNames.EXPIRES, expires.toString());
            }
            r.addHeader(HeaderNames.USER_AGENT, "TestPhone/1.0");
            return r;
        } catch (SipParseException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return peer.address().getPort();
    }

    /** Adds an Authorization answering the first challenge of the given algorithm in a 401. */
    public SipRequest answer(SipRequest request, SipResponse challenge, String algorithm) {
        String header = null;
        for (String h : challenge.headers().getAll(HeaderNames.WWW_AUTHENTICATE)) {
            if (h.contains("algorithm=" + algorithm)) {
                header = h;
                break;
            }
        }
        if (header == null) {
            throw new AssertionError("no " + algorithm + " challenge in " + challenge.headers().all());
        }
        String realm = param(header, "realm");
        String nonce = param(header, "nonce");
        if (!nonce.equals(lastNonce)) {
            nc = 0;
            lastNonce = nonce;
        }
        return authorize(request, realm, nonce, algorithm, String.format("%08x", ++nc), password);
    }

    public SipRequest authorize(SipRequest request, String realm, String nonce, String algorithm, String ncHex,
                                String pw) {
        String jca = algorithm.equals("MD5") ? "MD5" : "SHA-256";
        String uri = request.uri().toString();
        String cnonce = "c" + Long.toHexString(System.nanoTime());
        String ha1 = TestDirectory.hash(jca, user + ":" + realm + ":" + pw);
        String ha2 = TestDirectory.hash(jca, request.method() + ":" + uri);
        String response = TestDirectory.hash(jca, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
        request.setHeader(HeaderNames.AUTHORIZATION, "Digest username=\"" + user + "\", realm=\"" + realm
                + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm="
                + algorithm + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + ncHex);
        return request;
    }

    static String param(String header, String name) {
        int i = header.indexOf(name + "=");
        if (i < 0) {
            return null;
        }
        i += name.length() + 1;
        if (header.charAt(i) == '"') {
            return header.substring(i + 1, header.indexOf('"', i + 1));
        }
        int end = header.indexOf(',', i);
        return header.substring(i, end < 0 ? header.length() : end).trim();
    }
}
