package org.sipwitch.sip.message;

import java.util.Locale;
import java.util.Map;

/**
 * One via-parm: {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;rport}. The branch
 * names the transaction (RFC 3261 §17.2.3); received/rport tell where a response
 * must really go when the sender is behind NAT (RFC 3581).
 */
public final class Via {
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;

    public Via(String transport, String host, int port, Map<String, String> params) {
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.host = host;
        this.port = port;
        this.params = Parameters.copyOf(params);
    }

    public static Via parse(String value) throws SipParseException {
        int i = 0;
        int to = value.length();
        while (i < to && value.charAt(i) <= ' ') {
            i++;
        }
        while (to > i && value.charAt(to - 1) <= ' ') {
            to--;
        }
        // the value is read in place (no trimmed copy): every index below is into s
        String s = value;
        // "SIP / 2.0 / UDP" with optional LWS around the slashes
        int slash1 = s.indexOf('/', i);
        if (slash1 < 0 || slash1 >= to || !isTrimmed(s, i, slash1, "SIP", true)) {
            throw new SipParseException("Bad Via protocol");
        }
        int slash2 = s.indexOf('/', slash1 + 1);
        if (slash2 < 0 || slash2 >= to || !isTrimmed(s, slash1 + 1, slash2, "2.0", false)) {
            throw new SipParseException("Bad Via protocol version");
        }
        i = HeaderValues.skipSpace(s, slash2 + 1, to);
        int ts = i;
        while (i < to && HeaderValues.isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == ts) {
            throw new SipParseException("Via without transport");
        }
        String transport = transport(s, ts, i);
        i = HeaderValues.skipSpace(s, i, to);
        String host;
        if (i < to && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close >= to) {
                throw new SipParseException("Bad IPv6 reference in Via");
            }
            host = s.substring(i, close + 1);
            i = close + 1;
        } else {
            int hs = i;
            while (i < to && s.charAt(i) != ':' && s.charAt(i) != ';' && s.charAt(i) != ' '
                    && s.charAt(i) != '\t') {
                i++;
            }
            host = s.substring(hs, i);
        }
        if (host.isEmpty()) {
            throw new SipParseException("Via without host");
        }
        i = HeaderValues.skipSpace(s, i, to);
        int port = -1;
        if (i < to && s.charAt(i) == ':') {
            i = HeaderValues.skipSpace(s, i + 1, to);
            int ps = i;
            while (i < to && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == ps || i - ps > 5 || Integer.parseInt(s, ps, i, 10) > 65535) {
                throw new SipParseException("Bad port in Via");
            }
            port = Integer.parseInt(s, ps, i, 10);
        }
        return new Via(transport, host, port, HeaderValues.params(s, i, to));
    }

    /** {@code s.substring(from, to).trim().equals(what)} (or equalsIgnoreCase) without the copies. */
    private static boolean isTrimmed(String s, int from, int to, String what, boolean ignoreCase) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to - from == what.length() && s.regionMatches(ignoreCase, from, what, 0, what.length());
    }

    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};

    /** The transport token upper-cased; the usual ones as shared constants, not a copy per message. */
    private static String transport(String s, int from, int to) {
        for (String known : TRANSPORTS) {
            if (known.length() == to - from && s.regionMatches(true, from, known, 0, known.length())) {
                return known;
            }
        }
        return s.substring(from, to);
    }

    public String transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String branch() {
        return params.get("branch");
    }

    public String param(String name) {
        return params.get(name);
    }

    public boolean hasParam(String name) {
        return params.containsKey(name);
    }

    /** Sets or replaces a parameter (received, rport=...), keeping order. */
    public Via withParam(String name, String value) {
        return new Via(transport, host, port, params.with(name, value));
    }

    /** True for branches made by RFC 3261 elements; older ones need other matching rules. */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    /** The sent-by "host:port" string used to match transactions. */
    public String sentBy() {
        return port < 0 ? host.toLowerCase(Locale.ROOT) : host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64).append("SIP/2.0/").append(transport).append(' ').append(host);
        if (port >= 0) {
            b.append(':').append(port);
        }
        params.appendTo(b);
        return b.toString();
    }
}
