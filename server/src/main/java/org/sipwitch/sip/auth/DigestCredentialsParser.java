package org.sipwitch.sip.auth;

import java.util.Locale;

/**
 * Parses {@code Digest name=value, name="quoted \"value\"", ...} (RFC 7235 §2.1
 * auth-param list as used by RFC 2617/7616). A hand-written scanner: this runs on
 * every authenticated request, so no regex and no intermediate lists. Anything
 * that does not follow the grammar gives null (the caller answers with a fresh
 * challenge); duplicated parameters are refused, because a credential that names
 * two usernames cannot be trusted either way.
 */
public final class DigestCredentialsParser {
    /** Longer headers are refused outright: real ones are a few hundred bytes. */
    public static final int MAX_LENGTH = 4096;

    private DigestCredentialsParser() {
    }

    public static DigestCredentials parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return null;
        }
        String s = header;
        int i = skipWs(s, 0);
        if (!s.regionMatches(true, i, "Digest", 0, 6)) {
            return null;
        }
        i += 6;
        if (i >= s.length() || (s.charAt(i) != ' ' && s.charAt(i) != '\t')) {
            return null;
        }
        String username = null, realm = null, nonce = null, uri = null, response = null;
        String algorithm = null, cnonce = null, opaque = null, qop = null, nc = null;
        StringBuilder value = new StringBuilder(64);
        boolean first = true;
        while (true) {
            i = skipWs(s, i);
            if (i >= s.length()) {
                break;
            }
            if (!first) {
                if (s.charAt(i) != ',') {
                    return null;
                }
                i = skipWs(s, i + 1);
                if (i >= s.length()) {
                    return null; // trailing comma
                }
            }
            first = false;
            int nameStart = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return null;
            }
            int nameEnd = i;
            i = skipWs(s, i);
            if (i >= s.length() || s.charAt(i) != '=') {
                return null;
            }
            i = skipWs(s, i + 1);
            value.setLength(0);
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\') {
                        if (i >= s.length()) {
                            return null;
                        }
                        value.append(s.charAt(i++)); // quoted-pair (RFC 7230 §3.2.6)
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
            } else {
                int vs = i;
                while (i < s.length() && isValueChar(s.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    return null;
                }
                value.append(s, vs, i);
            }
            String v = value.toString();
            switch (s.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT)) {
                case "username": if (username != null) return null; username = v; break;
                case "realm": if (realm != null) return null; realm = v; break;
                case "nonce": if (nonce != null) return null; nonce = v; break;
                case "uri": if (uri != null) return null; uri = v; break;
                case "response": if (response != null) return null; response = v; break;
                case "algorithm": if (algorithm != null) return null; algorithm = v; break;
                case "cnonce": if (cnonce != null) return null; cnonce = v; break;
                case "opaque": if (opaque != null) return null; opaque = v; break;
                case "qop": if (qop != null) return null; qop = v; break;
                case "nc": if (nc != null) return null; nc = v; break;
                default: break; // unknown auth-params are ignored (RFC 7616 §3.4)
            }
        }
        return new DigestCredentials(username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc);
    }

    private static int skipWs(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            i++;
        }
        return i;
    }

    /** RFC 7230 tchar: what a parameter name is made of. */
    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~' || c == '#' || c == '$' || c == '&' || c == '^'
                || c == '|';
    }

    /**
     * Unquoted values: tchar plus the characters some phones leave unquoted in
     * uri= (':' '@' '/') and base64 nonces ('/' '=' padding). Commas and spaces still end a value.
     */
    private static boolean isValueChar(char c) {
        return isNameChar(c) || c == '/' || c == '=' || c == ':' || c == '@' || c == ';';
    }
}
