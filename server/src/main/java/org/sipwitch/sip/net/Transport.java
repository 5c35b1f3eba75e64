package org.sipwitch.sip.net;

import java.util.Locale;

/**
 * The transports a message can travel on. Streams are reliable and keep connections.
 * WS and WSS are SIP over WebSocket (RFC 7118): streams whose connections only the
 * browser can open, so a phone on one is reached over its own connection or not at all.
 */
public enum Transport {
    UDP(false, 5060), TCP(true, 5060), TLS(true, 5061), WS(true, 80), WSS(true, 443);

    private final boolean stream;
    private final int defaultPort;

    Transport(boolean stream, int defaultPort) {
        this.stream = stream;
        this.defaultPort = defaultPort;
    }

    public boolean isStream() {
        return stream;
    }

    public boolean isReliable() {
        return stream;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** True for WS and WSS: we can answer and call over such a connection, never open one. */
    public boolean isWebSocket() {
        return this == WS || this == WSS;
    }

    /**
     * The value of ";transport=" in a URI of ours: "ws" for WSS too, as RFC 7118 §5.2
     * has it (a secure WebSocket is told by the sips: scheme, not by the parameter).
     */
    public String uriParam() {
        return this == WSS ? "ws" : param();
    }

    /** The token used in Via and in ";transport=" parameters. */
    public String token() {
        return name();
    }

    /** Lower-case, as in ";transport=" parameters and in {@code <stack><transport>}. */
    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "udp", "TCP", "tls", "ws", "WSS" as found in Via or URIs; null when unknown. */
    public static Transport fromToken(String token) {
        if (token == null) {
            return null;
        }
        switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP": return UDP;
            case "TCP": return TCP;
            case "TLS": return TLS;
            case "WS": return WS;
            case "WSS": return WSS;
            default: return null;
        }
    }
}
