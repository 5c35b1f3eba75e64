package org.sipwitch.sip.transport;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Locale;

/**
 * The WebSocket listeners (RFC 7118): plain and secure ports (-1 for off, 0 picks a free
 * one), the server TLS context of the secure one, and the web origins allowed to connect.
 *
 * @param origins allowed {@code Origin} values, compared without regard to case; empty allows any page
 */
public record WebSocketSettings(int wsPort, int wssPort, SslContext wssContext, List<String> origins) {
    public static final WebSocketSettings OFF = new WebSocketSettings(-1, -1, null, List.of());

    public WebSocketSettings {
        origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        if (wsPort < -1 || wsPort > 65535 || wssPort < -1 || wssPort > 65535) {
            throw new IllegalArgumentException("Bad WebSocket port " + wsPort + "/" + wssPort);
        }
        if (wssPort >= 0 && wssContext == null) {
            throw new IllegalArgumentException("WSS needs a TLS context");
        }
    }

    /**
     * A page of this origin may connect. Browsers always send Origin on a WebSocket upgrade,
     * so the list keeps other sites' pages out; a client without one is not a browser (a
     * softphone), which no page can drive, and is let in like a TCP phone.
     */
    public boolean allows(String origin) {
        return origin == null || origins.isEmpty() || origins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
