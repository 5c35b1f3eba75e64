package org.sipwitch.sip.message;

import java.util.Map;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route:
 * {@code "Alice" <sip:alice@host>;tag=1}. A bare addr-spec's trailing ";params"
 * belong to the header, not to the URI (RFC 3261 §20.10).
 */
public record NameAddress(String display, SipUri uri, Map<String, String> params) {

    public NameAddress {
        // keep the sender's parameter order: a proxy forwards headers as it got them
        params = Parameters.copyOf(params);
    }

    public static NameAddress of(SipUri uri) {
        return new NameAddress(null, uri, Parameters.NONE);
    }

    public static NameAddress parse(String value) throws SipParseException {
        int from = 0;
        int to = value.length();
        while (from < to && value.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && value.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            throw new SipParseException("Empty address");
        }
        // the value is read in place (no trimmed copy): every index below is into value
        String s = value;
        String display = null;
        int lt;
        if (s.charAt(from) == '"') {
            int end = HeaderValues.endOfQuoted(s, from, to);
            display = HeaderValues.unquote(s, from, end);
            int i = HeaderValues.skipSpace(s, end + 1, to);
            if (i >= to || s.charAt(i) != '<') {
                throw new SipParseException("Display name without <URI>");
            }
            lt = i;
        } else {
            lt = s.indexOf('<', from);
            if (lt >= to) {
                lt = -1;
            }
            if (lt > from) {
                int nameEnd = lt;
                while (nameEnd > from && s.charAt(nameEnd - 1) <= ' ') {
                    nameEnd--;
                }
                display = nameEnd == from ? null : s.substring(from, nameEnd);
            }
        }
        SipUri uri;
        int rest;
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0 || gt >= to) {
                throw new SipParseException("Missing '>' in address");
            }
            uri = SipUri.parse(s, lt + 1, gt);
            rest = gt + 1;
        } else {
            // addr-spec form: parameters after the URI belong to the header
            int semi = s.indexOf(';', from);
            int addrEnd = semi < 0 || semi >= to ? to : semi;
            for (int k = from; k < addrEnd; k++) {
                if (s.charAt(k) == '?' || s.charAt(k) == ',') {
                    throw new SipParseException("Address with ?, or , must use <URI>");
                }
            }
            uri = SipUri.parse(s, from, addrEnd);
            rest = addrEnd;
        }
        Parameters params = HeaderValues.params(s, rest, to);
        return new NameAddress(display, uri, params);
    }

    public String param(String name) {
        return params.get(name);
    }

    public String tag() {
        return params.get("tag");
    }

    public NameAddress withParam(String name, String value) {
        return new NameAddress(display, uri, ((Parameters) params).with(name, value));
    }

    public NameAddress withoutParam(String name) {
        return new NameAddress(display, uri, ((Parameters) params).without(name));
    }

    public NameAddress withUri(SipUri newUri) {
        return new NameAddress(display, newUri, params);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64);
        if (display != null && !display.isEmpty()) {
            b.append(HeaderValues.quote(display)).append(' ');
        }
        b.append('<').append(uri).append('>');
        HeaderValues.appendParams(b, params);
        return b.toString();
    }
}
