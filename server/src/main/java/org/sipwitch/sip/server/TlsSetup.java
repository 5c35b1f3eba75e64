package org.sipwitch.sip.server;

import java.io.IOException;
import java.util.Arrays;
import org.sipwitch.config.StackConfig;
import org.sipwitch.config.TlsConfig;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.TlsContexts;
import org.sipwitch.sip.transport.TlsSettings;
import org.sipwitch.sip.transport.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code <stack><tls>} to the TLS listener's settings: keystore loaded, passwords wiped after use. */
final class TlsSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    private TlsSetup() {
    }

    /** TLS on when configured; else it stays off, and the log says so once (and why, when it was asked for). */
    static TransportSettings apply(TransportSettings settings, StackConfig stack, int port) throws IOException {
        if (!stack.tlsEnabled()) {
            LOG.info("TLS is off: {}", stack.transports().contains(Transport.TLS)
                    ? "tls is listed in <transport> but there is no <tls><keystore>"
                    : "tls is not listed in <stack><transport>");
            return settings;
        }
        LOG.info("TLS by {}", TlsContexts.providerName());
        return settings.withTls(load(stack.tls().get(), port));
    }

    /** The keystore (and truststore) read now: at start, and again at each reload to serve a renewed certificate. */
    static TlsSettings load(TlsConfig tls, int port) throws IOException {
        char[] password = tls.keystorePassword().reveal();
        char[] trustPassword = tls.truststorePassword().reveal();
        try {
            return TlsContexts.load(port, tls.keystore(), password, tls.keystoreType(),
                    tls.truststore().orElse(null), trustPassword, tls.truststoreType());
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(trustPassword, '\0');
        }
    }
}
