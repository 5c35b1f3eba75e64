package org.sipwitch.sip.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route:
 * {@code "Alice" <sip:alice@host>;tag=1}. A bare addr-spec's trailing ";params"
 * belong to the header, not to the URI (RFC 3261 §20.10).
 */
public record NameAddress(String display, SipUri uri, Map<String, String> params) {

    public NameAddress {
        // keep the sender's parameter order: a proxy forwards headers as it got them
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    }

    public static NameAddress of(SipUri uri) {
        return new NameAddress(null, uri, Map.of());
    }

    public static NameAddress parse(String value) throws SipParseException {
        String s = value.trim();
        if (s.isEmpty()) {
            throw new SipParseException("Empty address");
        }
        String display = null;
        int i = 0;
        int lt;
        if (s.charAt(0) == '"') {
            int end = HeaderValues.endOfQuoted(s, 0);
            display = HeaderValues.unquote(s.substring(0, end + 1));
            i = HeaderValues.skipSpace(s, end + 1);
            if (i >= s.length() || s.charAt(i) != '<') {
                throw new SipParseException("Display name without <URI>");
            }
            lt = i;
        } else {
            lt = s.indexOf('<');
            if (lt > 0) {
                String name = s.substring(0, lt).trim();
                display = name.isEmpty() ? null : name;
            }
        }
        SipUri uri;
        int rest;
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                throw new SipParseException("Missing '>' in address");
            }
            uri = SipUri.parse(s.substring(lt + 1, gt));
            rest = gt + 1;
        } else {
            // addr-spec form: parameters after the URI belong to the header
            int semi = s.indexOf(';');
            String addr = semi < 0 ? s : s.substring(0, semi);
            if (addr.indexOf('?') >= 0 || addr.indexOf(',') >= 0) {
                throw new SipParseException("Address with ?, or , must use <URI>");
            }
            uri = SipUri.parse(addr);
            rest = semi < 0 ? s.length() : semi;
        }
        Map<String, String> params = HeaderValues.parseParams(s, rest);
        return new NameAddress(display, uri, params);
    }

    public String param(String name) {
        return params.get(name);
    }

    public String tag() {
        return params.get("tag");
    }

    public NameAddress withParam(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new NameAddress(display, uri, p);
    }

    public NameAddress withoutParam(String name) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.remove(name);
        return new NameAddress(display, uri, p);
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
