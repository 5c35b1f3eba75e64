package org.sipwitch.sip.message;

import java.util.LinkedHashMap;
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
    private final LinkedHashMap<String, String> params;

    public Via(String transport, String host, int port, Map<String, String> params) {
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.host = host;
        this.port = port;
        this.params = new LinkedHashMap<>(params == null ? Map.of() : params);
    }

    public static Via parse(String value) throws SipParseException {
        String s = value.trim();
        int i = 0;
        // "SIP / 2.0 / UDP" with optional LWS around the slashes
        int slash1 = s.indexOf('/');
        if (slash1 < 0 || !s.substring(0, slash1).trim().equalsIgnoreCase("SIP")) {
            throw new SipParseException("Bad Via protocol");
        }
        int slash2 = s.indexOf('/', slash1 + 1);
        if (slash2 < 0 || !s.substring(slash1 + 1, slash2).trim().equals("2.0")) {
            throw new SipParseException("Bad Via protocol version");
        }
        i = HeaderValues.skipSpace(s, slash2 + 1);
        int ts = i;
        while (i < s.length() && HeaderValues.isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == ts) {
            throw new SipParseException("Via without transport");
        }
        String transport = s.substring(ts, i);
        i = HeaderValues.skipSpace(s, i);
        String host;
        if (i < s.length() && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) {
                throw new SipParseException("Bad IPv6 reference in Via");
            }
            host = s.substring(i, close + 1);
            i = close + 1;
        } else {
            int hs = i;
            while (i < s.length() && s.charAt(i) != ':' && s.charAt(i) != ';' && s.charAt(i) != ' '
                    && s.charAt(i) != '\t') {
                i++;
            }
            host = s.substring(hs, i);
        }
        if (host.isEmpty()) {
            throw new SipParseException("Via without host");
        }
        i = HeaderValues.skipSpace(s, i);
        int port = -1;
        if (i < s.length() && s.charAt(i) == ':') {
            i = HeaderValues.skipSpace(s, i + 1);
            int ps = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == ps || i - ps > 5 || Integer.parseInt(s, ps, i, 10) > 65535) {
                throw new SipParseException("Bad port in Via");
            }
            port = Integer.parseInt(s, ps, i, 10);
        }
        return new Via(transport, host, port, HeaderValues.parseParams(s, i));
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
        Via v = new Via(transport, host, port, params);
        v.params.put(name, value);
        return v;
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
        HeaderValues.appendParams(b, params);
        return b.toString();
    }
}
