package org.sipwitch.sip.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import org.sipwitch.config.StackConfig;
import org.sipwitch.config.WebSocketConfig;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.TransportSettings;
import org.sipwitch.sip.transport.WebSocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <stack><ws>}/{@code <wss>} to the WebSocket listeners' settings. WSS serves the
 * certificate of {@code <tls>}: the TLS listener's when TLS is on (and with it the
 * certificate a reload renews), else the keystore loaded here once.
 */
final class WebSocketSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    private WebSocketSetup() {
    }

    /**
     * @param wsPort  the WS port to bind (the config's, or the one a replaced server had picked)
     * @param wssPort the same for WSS
     */
    static TransportSettings apply(TransportSettings settings, StackConfig stack, int wsPort, int wssPort)
            throws IOException {
        boolean ws = stack.transports().contains(Transport.WS);
        boolean wss = stack.wssEnabled();
        if (stack.transports().contains(Transport.WSS) && !wss) {
            LOG.info("WSS is off: wss is listed in <transport> but there is no <tls><keystore>");
        }
        if (!ws && !wss) {
            return settings;
        }
        WebSocketConfig config = stack.webSockets();
        SslContext context = wss ? serverContext(settings, stack) : null;
        return settings.withWebSockets(new WebSocketSettings(ws ? wsPort : -1, wss ? wssPort : -1, context,
                config.origins()));
    }

    private static SslContext serverContext(TransportSettings settings, StackConfig stack) throws IOException {
        if (settings.tls() != null) {
            return settings.tls().server();
        }
        return TlsSetup.load(stack.tls().get(), 0).server();
    }
}
