package org.sipwitch.sip.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipwitch.config.Credentials;
import org.sipwitch.config.GatewayConfig;
import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <provision><gateway>} → {@link Gateway}s. The proxy's host name is resolved
 * here, once, on the thread that starts or reloads the server — never on a call's lane.
 */
final class GatewaySetup {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySetup.class);

    private GatewaySetup() {
    }

    static List<Gateway> build(List<GatewayConfig> configs) {
        List<Gateway> out = new ArrayList<>();
        for (GatewayConfig c : configs) {
            Transport t = Transport.fromToken(c.transport());
            int port = c.proxyPort() > 0 ? c.proxyPort() : t.defaultPort();
            InetSocketAddress address;
            try {
                String host = c.proxyHost().startsWith("[") ? c.proxyHost().substring(1, c.proxyHost().length() - 1)
                        : c.proxyHost();
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                LOG.warn("gateway {}: cannot resolve proxy host {}; its calls fail until a reload", c.id(), c.proxyHost());
                address = InetSocketAddress.createUnresolved(c.proxyHost(), port);
            }
            Credentials credentials = c.credentials();
            String user = c.user();
            DigestAnswer answer = new DigestAnswer(user, (realm, algorithm) -> credentials instanceof Credentials.StoredDigest sd
                    ? (sd.algorithm() == algorithm ? Optional.of(sd.hex()) : Optional.empty())
                    : credentials.ha1(user, realm, algorithm));
            out.add(new Gateway(c.id(), new Peer(t, address), c.domain(), user, c.callerId().orElse(null),
                    c.assertIdentity(), c.incoming().orElse(null), c.register(), answer));
        }
        return out;
    }
}
