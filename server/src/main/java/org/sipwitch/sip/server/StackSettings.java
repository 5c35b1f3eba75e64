package org.sipwitch.sip.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.sipwitch.config.ClusterConfig;
import org.sipwitch.config.RegistryConfig;
import org.sipwitch.config.SecurityConfig;
import org.sipwitch.config.StackConfig;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.cluster.ClusterSettings;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.RegistrarConfig;
import org.sipwitch.sip.transport.ConnectionLimits;
import org.sipwitch.sip.transport.TransportSettings;

/**
 * The configuration's sections as the settings of the stack's parts: what {@link SipServer}
 * hands each part when it builds it and again on a reload. The parts know nothing of the
 * configuration file; this is the one place that reads it for them.
 */
final class StackSettings {
    private StackSettings() {
    }

    /** {@code <stack>}: the plain UDP/TCP listeners (TLS and WebSocket come from their own sections). */
    static TransportSettings transports(StackConfig stack) {
        Set<Transport> set = EnumSet.noneOf(Transport.class);
        for (Transport t : stack.transports()) {
            if (t != Transport.TLS && !t.isWebSocket()) { // set up from <tls>, <ws>, <wss> by TlsSetup, WebSocketSetup
                set.add(t);
            }
        }
        SipLimits limits = SipLimits.defaults().withMaxMessageSize(stack.maxMessageSize());
        return TransportSettings.defaults().withInterfaces(stack.interfaces()).withPort(stack.port())
                .withTransports(set).withLimits(limits).withIoThreads(stack.threads());
    }

    /** {@code <security>}: what one source may hold open, and how long a connection may take to say something. */
    static ConnectionLimits connectionLimits(SecurityConfig s) {
        return new ConnectionLimits(s.connectionsPerSource(), Duration.ofSeconds(s.headTimeout()));
    }

    static DigestSettings digest(RegistryConfig r) {
        return DigestSettings.of(r.realm(), r.digest()).withNonceLifetime(Duration.ofSeconds(r.nonceLifetime()));
    }

    static RegistrarConfig registrar(RegistryConfig r) {
        return new RegistrarConfig(r.minExpires(), r.maxExpires(), r.defaultExpires(), r.maxBindings(),
                r.unknownUserStatus());
    }

    /** {@code <cluster>}; the secrets are revealed only for the copy the cluster keeps, then wiped. */
    static ClusterSettings cluster(ClusterConfig c) {
        char[] uri = c.redis().reveal();
        char[] secret = c.secret().reveal();
        try {
            return new ClusterSettings(c.node(), new String(uri), c.redisShown(), c.address().orElse(null),
                    new String(secret).getBytes(StandardCharsets.UTF_8), c.livenessSeconds() * 1000L);
        } finally {
            Arrays.fill(uri, '\0');
            Arrays.fill(secret, '\0');
        }
    }

    /** "udp://127.0.0.1:5060"-style name of a bound listener (IPv6 in brackets). */
    static String uri(Transport t, InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return t.param() + "://" + host + ":" + a.getPort();
    }
}
