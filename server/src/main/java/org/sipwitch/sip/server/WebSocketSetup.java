package org.sipwitch.sip.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.Arrays;
import org.sipwitch.config.StackConfig;
import org.sipwitch.config.TlsConfig;
import org.sipwitch.config.WebSocketConfig;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.TlsContexts;
import org.sipwitch.sip.transport.TransportSettings;
import org.sipwitch.sip.transport.WebSocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <stack><ws>}/{@code <wss>} to the WebSocket listeners' settings. WSS serves the
 * certificate of {@code <tls>}: the TLS listener's context when TLS is on, else the
 * keystore loaded here (passwords wiped after use).
 */
final class WebSocketSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    private WebSocketSetup() {
    }

    static TransportSettings apply(TransportSettings settings, StackConfig stack) throws IOException {
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
        return settings.withWebSockets(new WebSocketSettings(ws ? config.wsPort() : -1, wss ? config.wssPort() : -1,
                context, config.origins()));
    }

    private static SslContext serverContext(TransportSettings settings, StackConfig stack) throws IOException {
        if (settings.tls() != null) {
            return settings.tls().server();
        }
        TlsConfig tls = stack.tls().get();
        char[] password = tls.keystorePassword().reveal();
        char[] trustPassword = tls.truststorePassword().reveal();
        try {
            return TlsContexts.load(0, tls.keystore(), password, tls.keystoreType(),
                    tls.truststore().orElse(null), trustPassword, tls.truststoreType()).server();
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(trustPassword, '\0');
        }
    }
}
