package org.sipwitch.sip.net;

import java.util.Locale;

/** The transports a message can travel on. Streams are reliable and keep connections. */
public enum Transport {
    UDP(false, 5060), TCP(true, 5060), TLS(true, 5061);

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

    /** The token used in Via and in ";transport=" parameters. */
    public String token() {
        return name();
    }

    /** Lower-case, as in ";transport=" parameters and in {@code <stack><transport>}. */
    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "udp", "TCP", "tls" as found in Via or URIs; null when unknown. */
    public static Transport fromToken(String token) {
        if (token == null) {
            return null;
        }
        switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP": return UDP;
            case "TCP": return TCP;
            case "TLS": return TLS;
            default: return null;
        }
    }
}
