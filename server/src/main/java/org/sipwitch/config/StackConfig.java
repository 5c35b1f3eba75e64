package org.sipwitch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sipwitch.sip.net.Transport;

/**
 * {@code <stack>}: where and how the SIP listeners run.
 *
 * @param interfaces    IP literals to bind, or the single entry {@code *} for all interfaces
 * @param port          UDP/TCP port; 0 = pick a free one
 * @param transports    transports to offer; TLS only runs when {@link #tls()} is present too
 * @param tlsPort       TLS port; 0 = pick a free one
 * @param tls           keystore/truststore, when configured
 * @param published     host or address to publish in Contact/Via (the peering address), if not the bound one
 * @param mapped        call slots: the most calls at once (the {@code status} verb shows one character per slot)
 * @param threads       I/O event-loop threads; 0 = Netty's default
 * @param concurrency   call-processing worker threads (the {@code concurrency} verb's initial value)
 * @param maxMessageSize largest SIP message accepted, in bytes
 */
public record StackConfig(List<String> interfaces, int port, Set<Transport> transports, int tlsPort,
                          Optional<TlsConfig> tls, Optional<String> published, int mapped, int threads,
                          int concurrency, int maxMessageSize) {

    public static final String ALL_INTERFACES = "*";

    public StackConfig {
        interfaces = List.copyOf(interfaces);
        transports = Set.copyOf(transports);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(published, "published");
    }

    /** The same stack with another worker pool size (the {@code concurrency} verb). */
    public StackConfig withConcurrency(int level) {
        return new StackConfig(interfaces, port, transports, tlsPort, tls, published, mapped, threads, level,
                maxMessageSize);
    }

    /**
     * What is in force when this stack, read from the files, meets the one the listeners
     * were bound with ({@code running}): what only a restart changes (interfaces, ports,
     * transports, I/O threads, call slots, message size, whether TLS listens) stays as
     * running; the rest is this one's. A running TLS listener takes the new {@code <tls>}
     * (a renewed certificate); one that is off stays off.
     */
    public StackConfig keepingListenersOf(StackConfig running) {
        Optional<TlsConfig> tlsInForce = running.tlsEnabled() && tls.isPresent() ? tls : running.tls;
        return new StackConfig(running.interfaces, running.port, running.transports, running.tlsPort, tlsInForce,
                published, running.mapped, running.threads, concurrency, running.maxMessageSize);
    }

    /** True when {@code <interface>*</interface>}: bind the wildcard address. */
    public boolean allInterfaces() {
        return interfaces.contains(ALL_INTERFACES);
    }

    /** TLS listens only when it is both listed in {@code <transport>} and has a keystore. */
    public boolean tlsEnabled() {
        return transports.contains(Transport.TLS) && tls.isPresent();
    }
}
