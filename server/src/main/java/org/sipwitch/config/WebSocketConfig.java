package org.sipwitch.config;

import java.util.List;

/**
 * {@code <stack><ws>} and {@code <stack><wss>}: SIP over WebSocket (RFC 7118) for
 * browser phones.
 *
 * @param wsPort  port of the plain WebSocket listener (used when ws is in {@code <transport>}); 0 = pick one
 * @param wssPort port of the secure one (wss in {@code <transport>} and a {@code <tls><keystore>}); 0 = pick one
 * @param origins the web origins ({@code https://phones.example.com}) whose pages may connect, as
 *                browsers send them in {@code Origin}; empty lets any page (and non-browser clients) in
 */
public record WebSocketConfig(int wsPort, int wssPort, List<String> origins) {
    public static final int DEFAULT_WS_PORT = 5066;
    public static final int DEFAULT_WSS_PORT = 7443;

    public WebSocketConfig {
        origins = List.copyOf(origins);
    }

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(DEFAULT_WS_PORT, DEFAULT_WSS_PORT, List.of());
    }
}
