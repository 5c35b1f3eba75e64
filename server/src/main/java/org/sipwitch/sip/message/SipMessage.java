package org.sipwitch.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What requests and responses share: headers and a body. Typed accessors parse on
 * demand and throw {@link SipParseException}; the decoder has already checked the
 * headers every transaction needs (Via, From, To, Call-ID, CSeq), so on a decoded
 * message they succeed.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    public static final String VERSION = "SIP/2.0";
    private static final byte[] NO_BODY = new byte[0];

    private final SipHeaders headers = new SipHeaders();
    private byte[] body = NO_BODY;

    public SipHeaders headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public SipMessage setHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public SipMessage addHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Sets the body; Content-Length is written by the encoder from the body's size. */
    public SipMessage setBody(byte[] newBody, String contentType) {
        this.body = newBody == null ? NO_BODY : newBody;
        if (contentType != null) {
            headers.set(HeaderNames.CONTENT_TYPE, contentType);
        } else if (this.body.length == 0) {
            headers.remove(HeaderNames.CONTENT_TYPE);
        }
        return this;
    }

    public String callId() {
        return headers.get(HeaderNames.CALL_ID);
    }

    public CSeq cseq() throws SipParseException {
        HeaderLine line = headers.first(HeaderNames.CSEQ);
        if (line == null) {
            throw new SipParseException("Missing CSeq");
        }
        CSeq kept = line.parsed(CSeq.class);
        if (kept != null) {
            return kept;
        }
        CSeq parsed = CSeq.parse(line.value);
        line.keep(parsed);
        return parsed;
    }

    public NameAddress from() throws SipParseException {
        return address(HeaderNames.FROM);
    }

    public NameAddress to() throws SipParseException {
        return address(HeaderNames.TO);
    }

    private NameAddress address(String name) throws SipParseException {
        HeaderLine line = headers.first(name);
        if (line == null) {
            throw new SipParseException("Missing " + name);
        }
        NameAddress kept = line.parsed(NameAddress.class);
        if (kept != null) {
            return kept;
        }
        NameAddress parsed = NameAddress.parse(line.value);
        line.keep(parsed);
        return parsed;
    }

    public Via topVia() throws SipParseException {
        HeaderLine line = headers.first(HeaderNames.VIA);
        if (line == null) {
            throw new SipParseException("Missing Via");
        }
        Via kept = line.parsed(Via.class);
        if (kept != null) {
            return kept;
        }
        String first = HeaderValues.firstOfList(line.value);
        if (first == null) {
            throw new SipParseException("Empty Via");
        }
        Via parsed = Via.parse(first);
        line.keep(parsed);
        return parsed;
    }

    public List<Via> vias() throws SipParseException {
        List<Via> out = new ArrayList<>(2);
        for (String v : headers.values(HeaderNames.VIA)) {
            out.add(Via.parse(v));
        }
        return out;
    }

    /** Contact addresses; a lone "*" yields an empty list, see {@link #isWildcardContact()}. */
    public List<NameAddress> contacts() throws SipParseException {
        List<NameAddress> out = new ArrayList<>(1);
        for (String v : headers.values(HeaderNames.CONTACT)) {
            if (!v.equals("*")) {
                out.add(NameAddress.parse(v));
            }
        }
        return out;
    }

    public boolean isWildcardContact() {
        List<String> values = headers.values(HeaderNames.CONTACT);
        return values.size() == 1 && values.get(0).equals("*");
    }

    /** The Expires header as seconds, or -1 when absent. */
    public long expires() throws SipParseException {
        String v = headers.get(HeaderNames.EXPIRES);
        if (v == null) {
            return -1;
        }
        return parseDelta(v.trim(), "Expires");
    }

    /** Parses a delta-seconds value; huge values saturate as RFC 3261 §20.19 asks. */
    public static long parseDelta(String v, String what) throws SipParseException {
        if (v.isEmpty()) {
            throw new SipParseException("Bad " + what);
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new SipParseException("Bad " + what);
            }
        }
        return v.length() > 10 ? 0xffffffffL : Math.min(Long.parseLong(v), 0xffffffffL);
    }

    public int maxForwards() throws SipParseException {
        String v = headers.get(HeaderNames.MAX_FORWARDS);
        if (v == null) {
            return -1;
        }
        long n = parseDelta(v.trim(), "Max-Forwards");
        if (n > 255) {
            throw new SipParseException("Bad Max-Forwards");
        }
        return (int) n;
    }

    public abstract boolean isRequest();

    /** The first line, without CRLF. */
    public abstract String startLine();
}
