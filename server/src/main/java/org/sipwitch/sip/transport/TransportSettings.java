package org.sipwitch.sip.transport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.net.Transport;

/**
 * What the listeners are asked to do, as read from {@code <stack>} in the config.
 *
 * @param interfaces     IPv4/IPv6 literals (brackets allowed) or {@code *} for every interface
 * @param port           the port UDP and TCP share; 0 picks a free one
 * @param transports     which of UDP, TCP, TLS, WS and WSS to open
 * @param limits         codec limits for every channel
 * @param idleTimeout    a TCP connection with no traffic for this long is closed
 * @param maxConnections inbound plus outbound TCP connections at most
 * @param ioThreads      event-loop threads; 0 means one per core
 * @param preferNative   use epoll (with SO_REUSEPORT, one UDP socket per event loop) when available
 * @param tls            the TLS listener and its contexts, or null for no TLS; only used when
 *                       {@code transports} contains TLS
 * @param webSockets     the WS/WSS listeners; each opens only when {@code transports} lists it
 */
public record TransportSettings(List<String> interfaces, int port, Set<Transport> transports, SipLimits limits,
                                Duration idleTimeout, int maxConnections, int ioThreads, boolean preferNative,
                                TlsSettings tls, WebSocketSettings webSockets) {

    public TransportSettings {
        interfaces = List.copyOf(interfaces);
        transports = Set.copyOf(transports);
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("No interface to listen on");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Bad port " + port);
        }
        if (transports.contains(Transport.TLS) && tls == null) {
            throw new IllegalArgumentException("TLS needs a keystore (TlsSettings)");
        }
        java.util.Objects.requireNonNull(webSockets, "webSockets");
    }

    /** UDP and TCP on 5060 on every interface, default limits, 10 minute idle timeout, 10,000 connections. */
    public static TransportSettings defaults() {
        return new TransportSettings(List.of("*"), 5060, Set.of(Transport.UDP, Transport.TCP), SipLimits.defaults(),
                Duration.ofMinutes(10), 10_000, 0, true, null, WebSocketSettings.OFF);
    }

    public TransportSettings withInterfaces(List<String> newInterfaces) {
        return new TransportSettings(newInterfaces, port, transports, limits, idleTimeout, maxConnections, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withPort(int newPort) {
        return new TransportSettings(interfaces, newPort, transports, limits, idleTimeout, maxConnections, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withTransports(Set<Transport> newTransports) {
        return new TransportSettings(interfaces, port, newTransports, limits, idleTimeout, maxConnections, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withLimits(SipLimits newLimits) {
        return new TransportSettings(interfaces, port, transports, newLimits, idleTimeout, maxConnections, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withIdleTimeout(Duration newIdleTimeout) {
        return new TransportSettings(interfaces, port, transports, limits, newIdleTimeout, maxConnections, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withMaxConnections(int newMax) {
        return new TransportSettings(interfaces, port, transports, limits, idleTimeout, newMax, ioThreads,
                preferNative, tls, webSockets);
    }

    public TransportSettings withIoThreads(int threads) {
        return new TransportSettings(interfaces, port, transports, limits, idleTimeout, maxConnections, threads,
                preferNative, tls, webSockets);
    }

    /** Turns TLS on with these contexts (and adds it to the transports), or off with null. */
    public TransportSettings withTls(TlsSettings newTls) {
        Set<Transport> set = new java.util.HashSet<>(transports);
        if (newTls == null) {
            set.remove(Transport.TLS);
        } else {
            set.add(Transport.TLS);
        }
        return new TransportSettings(interfaces, port, set, limits, idleTimeout, maxConnections, ioThreads,
                preferNative, newTls, webSockets);
    }

    /** The WebSocket listeners; WS and WSS are added to (or removed from) the transports by their ports. */
    public TransportSettings withWebSockets(WebSocketSettings newWebSockets) {
        Set<Transport> set = new java.util.HashSet<>(transports);
        set.remove(Transport.WS);
        set.remove(Transport.WSS);
        if (newWebSockets.wsPort() >= 0) {
            set.add(Transport.WS);
        }
        if (newWebSockets.wssPort() >= 0) {
            set.add(Transport.WSS);
        }
        return new TransportSettings(interfaces, port, set, limits, idleTimeout, maxConnections, ioThreads,
                preferNative, tls, newWebSockets);
    }

    public TransportSettings withPreferNative(boolean useNative) {
        return new TransportSettings(interfaces, port, transports, limits, idleTimeout, maxConnections, ioThreads,
                useNative, tls, webSockets);
    }
}
