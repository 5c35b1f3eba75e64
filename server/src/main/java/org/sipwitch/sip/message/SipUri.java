package org.sipwitch.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code sip:}, {@code sips:} or {@code tel:} URI (RFC 3261 §19.1, RFC 3966).
 * The user part keeps its escaped form as sent, because a proxy must forward a URI
 * unchanged; {@link #userDecoded()} gives the text for lookups.
 */
public final class SipUri {
    private final String scheme;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters params;
    private final String headers;

    public SipUri(String scheme, String user, String password, String host, int port,
                  Map<String, String> params, String headers) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.params = Parameters.copyOf(params);
        this.headers = headers;
    }

    public static SipUri sip(String user, String host, int port) {
        return new SipUri("sip", user, null, host, port, null, null);
    }

    public static SipUri parse(String text) throws SipParseException {
        return parse(text, 0, text.length());
    }

    /** Parses {@code text[from, to)}: an address header's URI without cutting it out first. */
    static SipUri parse(String text, int from, int to) throws SipParseException {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        int colon = text.indexOf(':', from);
        if (colon <= from || colon >= to) {
            throw new SipParseException("URI without scheme");
        }
        if (HeaderValues.isAsciiIgnoreCase(text, from, colon, "sip")) {
            return parseSip("sip", text, colon + 1, to);
        }
        if (HeaderValues.isAsciiIgnoreCase(text, from, colon, "sips")) {
            return parseSip("sips", text, colon + 1, to);
        }
        if (HeaderValues.isAsciiIgnoreCase(text, from, colon, "tel")) {
            return parseTel(text, colon + 1, to);
        }
        if (!isScheme(text, from, colon)) {
            throw new SipParseException("Bad URI scheme");
        }
        throw new UnsupportedSchemeException(text.substring(from, colon).toLowerCase(Locale.ROOT));
    }

    /** RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean isScheme(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && (i == from || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return to > from;
    }

    private static SipUri parseSip(String scheme, String s, int from, int to) throws SipParseException {
        // The userinfo ends at the first '@': no part of a SIP URI but the userinfo may hold
        // one unescaped, while the user part may hold '?', ';' and '/' (user-unreserved, §25.1),
        // so headers ('?') and parameters are looked for only after it.
        int at = s.indexOf('@', from);
        if (at >= to) {
            at = -1;
        }
        int end = to;
        String headers = null;
        int q = s.indexOf('?', at >= 0 ? at : from);
        if (q >= 0 && q < to) {
            headers = s.substring(q + 1, to);
            end = q;
        }
        String user = null;
        String password = null;
        int hostStart = from;
        if (at >= from) {
            int userEnd = at;
            int pw = s.indexOf(':', from);
            if (pw >= 0 && pw < at) {
                password = s.substring(pw + 1, at);
                userEnd = pw;
            }
            if (userEnd == from) {
                throw new SipParseException("Empty user part in URI");
            }
            checkEscapes(s, from, userEnd);
            user = s.substring(from, userEnd);
            hostStart = at + 1;
        }
        int i = hostStart;
        String host;
        if (i < end && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close > end) {
                throw new SipParseException("Unterminated IPv6 reference in URI");
            }
            checkIpv6(s, i, close);
            host = s.substring(i, close + 1);
            i = close + 1;
        } else {
            int hs = i;
            while (i < end && isHostChar(s.charAt(i))) {
                i++;
            }
            host = s.substring(hs, i);
        }
        if (host.isEmpty()) {
            throw new SipParseException("URI without host");
        }
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            int ps = ++i;
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == ps || i - ps > 5) {
                throw new SipParseException("Bad port in URI");
            }
            port = Integer.parseInt(s, ps, i, 10);
            if (port > 65535) {
                throw new SipParseException("Bad port in URI");
            }
        }
        Parameters params = HeaderValues.params(s, i, end);
        return new SipUri(scheme, user, password, host.toLowerCase(Locale.ROOT), port, params, headers);
    }

    private static SipUri parseTel(String s, int from, int to) throws SipParseException {
        int semi = s.indexOf(';', from);
        if (semi >= to) {
            semi = -1;
        }
        String number = s.substring(from, semi < 0 ? to : semi);
        if (number.isEmpty()) {
            throw new SipParseException("Empty tel URI");
        }
        Parameters params = semi < 0 ? Parameters.NONE : HeaderValues.params(s, semi, to);
        return new SipUri("tel", number, null, null, -1, params, null);
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_';
    }

    /** Checks the characters between the brackets at {@code open} and {@code close}. */
    private static void checkIpv6(String s, int open, int close) throws SipParseException {
        for (int i = open + 1; i < close; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                    || c == '.';
            if (!ok) {
                throw new SipParseException("Bad IPv6 reference in URI");
            }
        }
    }

    private static void checkEscapes(String s, int from, int to) throws SipParseException {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new SipParseException("Bad escape in URI user part");
                }
                if (Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new SipParseException("Bad escape in URI user part");
                }
            } else if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                throw new SipParseException("Illegal character in URI user part");
            }
        }
    }

    public String scheme() {
        return scheme;
    }

    /** The user part as sent (escapes kept), or null. For tel: URIs, the number. */
    public String user() {
        return user;
    }

    /** The user part with %xx escapes decoded (UTF-8), for directory lookups. */
    public String userDecoded() {
        if (user == null || user.indexOf('%') < 0) {
            return user;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '%' && i + 2 < user.length()) {
                out.write(Integer.parseInt(user, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public String password() {
        return password;
    }

    /** Host as written, lower-cased; IPv6 references keep their brackets. */
    public String host() {
        return host;
    }

    /** Host without IPv6 brackets, for socket addresses. */
    public String hostAddress() {
        return host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port, or -1 when the URI names none. */
    public int port() {
        return port;
    }

    public int portOr(int dflt) {
        return port >= 0 ? port : dflt;
    }

    public Map<String, String> params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The transport the URI asks for (lower case), or null. */
    public String transport() {
        String t = params.get("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    public String headers() {
        return headers;
    }

    public boolean isSecure() {
        return "sips".equals(scheme);
    }

    public boolean isTel() {
        return "tel".equals(scheme);
    }

    public SipUri withUser(String newUser) {
        return new SipUri(scheme, newUser, password, host, port, params, headers);
    }

    public SipUri withHostPort(String newHost, int newPort) {
        return new SipUri(scheme, user, password, newHost, newPort, params, headers);
    }

    public SipUri withParam(String name, String value) {
        return new SipUri(scheme, user, password, host, port, params.with(name, value), headers);
    }

    public SipUri withoutParams() {
        return new SipUri(scheme, user, password, host, port, null, null);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(48).append(scheme).append(':');
        if (user != null) {
            b.append(user);
            if (password != null) {
                b.append(':').append(password);
            }
            if (host != null) {
                b.append('@');
            }
        }
        if (host != null) {
            b.append(host);
        }
        if (port >= 0) {
            b.append(':').append(port);
        }
        params.appendTo(b);
        if (headers != null) {
            b.append('?').append(headers);
        }
        return b.toString();
    }

    /** Address-of-record form: scheme:user@host, no port or parameters. */
    public String aor() {
        return scheme + ":" + (user != null ? user + "@" : "") + (host != null ? host : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri && o.toString().equalsIgnoreCase(toString());
    }

    @Override
    public int hashCode() {
        return toString().toLowerCase(Locale.ROOT).hashCode();
    }
}
