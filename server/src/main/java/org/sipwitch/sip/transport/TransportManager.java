package org.sipwitch.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.net.ListeningPoint;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The SIP listeners of the daemon: UDP and TCP on one port for each configured
 * interface, TLS, WS and WSS on their own ports, the connection tables, and the sending
 * side ({@link MessageSender}). A browser on WS/WSS is only reached over the connection
 * it opened: we never open one toward it.
 * Every decoded message goes to the {@link InboundHandler}, on an event loop.
 *
 * <pre>
 * TransportManager t = new TransportManager(settings.withPort(0), handler);
 * t.start();                    // binds; BindFailedException names the address
 * t.listeningPoints();          // what was bound, with the real port
 * t.send(response, ResponseRouting.destination(request));
 * t.stop();
 * </pre>
 */
public final class TransportManager implements MessageSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransportManager.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private final TransportSettings settings;
    /** The TLS contexts in force: replaced by {@link #replaceTls} (a renewed certificate), port kept. */
    private volatile TlsSettings liveTls;
    private final CodecCounters counters = new CodecCounters();
    private final ConnectionTable connections;
    /** TLS connections apart from TCP ones: a send to Peer(TCP, a) must never go out over TLS, or back. */
    private final ConnectionTable tlsConnections;
    /** WebSocket connections by transport: a browser is reached over its own connection only. */
    private final ConnectionTable wsConnections;
    private final ConnectionTable wssConnections;
    private final Pipelines pipelines;
    private final WebSocketPipelines webSockets;
    private volatile FlowListener flows = FlowListener.NONE;
    private final IoFlavor flavor;
    private MultiThreadIoEventLoopGroup group;
    private StreamConnector connector;
    private StreamConnector tlsConnector;
    private volatile UdpSockets udp = new UdpSockets(List.of());
    private final List<Channel> servers = new ArrayList<>();
    private volatile List<ListeningPoint> points = List.of();
    private boolean announce = true;

    public TransportManager(TransportSettings settings, InboundHandler handler) {
        this.settings = settings;
        this.liveTls = settings.transports().contains(Transport.TLS) ? settings.tls() : null;
        this.connections = new ConnectionTable(settings.maxConnections());
        this.tlsConnections = new ConnectionTable(settings.maxConnections());
        this.wsConnections = new ConnectionTable(settings.maxConnections());
        this.wssConnections = new ConnectionTable(settings.maxConnections());
        this.pipelines = new Pipelines(settings.limits(), counters, handler, connections,
                settings.idleTimeout().toMillis());
        this.webSockets = new WebSocketPipelines(pipelines, settings.webSockets(), () -> flows);
        this.flavor = IoFlavor.choose(settings.preferNative());
    }

    /** Which senders of malformed datagrams get a 400: the rest are dropped (forged sources, floods). */
    public void setDatagramAnswerFilter(AnswerFilter filter) {
        pipelines.datagramAnswers(java.util.Objects.requireNonNull(filter));
    }

    /** Per-source connection cap and head deadline for stream connections accepted from now on. */
    public void setConnectionLimits(ConnectionLimits limits) {
        pipelines.connectionLimits(java.util.Objects.requireNonNull(limits));
    }

    /** Connections refused at accept since start, by reason (for {@code policy}). */
    public java.util.Map<String, Long> connectionRefusals() {
        return pipelines.refusals().counters();
    }

    /**
     * Before {@link #start}: where it listens goes to the debug log only. The warm-up's
     * throwaway servers bind loopback ports nobody should use; the log's listening line is the daemon's.
     */
    public void quiet() {
        announce = false;
    }

    /** Who hears that a WebSocket connection ended (its browser's registrations go with it). */
    public void setFlowListener(FlowListener listener) {
        this.flows = java.util.Objects.requireNonNull(listener);
    }

    /** Binds every listener and reads from it. On failure nothing stays bound and the exception names address and port. */
    public void start() throws IOException {
        start(true);
    }

    /**
     * Binds every listener; with {@code reading} false they hold what arrives (in the
     * kernel's queues and accept backlog) until {@link #startReading()}: the daemon binds
     * first, so that a taken port fails its start at once, and reads once it is warm.
     */
    public synchronized void start(boolean reading) throws IOException {
        if (group != null) {
            throw new IllegalStateException("Already started");
        }
        int threads = settings.ioThreads() > 0 ? settings.ioThreads() : Runtime.getRuntime().availableProcessors();
        group = flavor.newGroup(threads);
        ListenerBinder binder = new ListenerBinder(flavor, group, pipelines, threads, reading);
        connector = new StreamConnector(binder.outbound(CONNECT_TIMEOUT_MILLIS), connections);
        if (tls() != null) {
            tlsConnector = new StreamConnector(binder.outbound(CONNECT_TIMEOUT_MILLIS,
                    pipelines.outbound(Transport.TLS, () -> liveTls.client())), tlsConnections);
        }
        try {
            List<InetAddress> addresses = LocalAddresses.resolve(settings.interfaces());
            for (int attempt = 1; ; attempt++) {
                try {
                    bindAll(binder, addresses);
                    break;
                } catch (BindFailedException e) {
                    closeListeners();
                    if (settings.port() != 0 || attempt == BIND_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("Port picked for UDP was taken for TCP, trying another: {}", e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            shutdownGroup();
            throw e;
        }
        LOG.atLevel(announce ? Level.INFO : Level.DEBUG).log("SIP listening on {} ({})", points, flavor.name());
    }

    private void bindAll(ListenerBinder binder, List<InetAddress> addresses) throws IOException {
        List<Channel> udpChannels = new ArrayList<>();
        List<ListeningPoint> bound = new ArrayList<>();
        int port = settings.port();
        boolean wantUdp = settings.transports().contains(Transport.UDP);
        boolean wantTcp = settings.transports().contains(Transport.TCP);
        int tlsPort = tls() == null ? -1 : tls().port();
        WebSocketSettings ws = settings.webSockets();
        int wsPort = settings.transports().contains(Transport.WS) ? ws.wsPort() : -1;
        int wssPort = settings.transports().contains(Transport.WSS) ? ws.wssPort() : -1;
        for (InetAddress configured : addresses) {
            InetAddress address = configured;
            if (port == 0) {
                port = freeUdpPort(address);
            }
            if (wantUdp) {
                List<Channel> channels;
                try {
                    channels = binder.bindUdp(new InetSocketAddress(address, port));
                } catch (BindFailedException e) {
                    if (!address.isAnyLocalAddress() || address.getAddress().length == 4) {
                        throw e;
                    }
                    // no IPv6 on this host: the IPv4 wildcard still serves "*"
                    address = LocalAddresses.ipv4Wildcard();
                    channels = binder.bindUdp(new InetSocketAddress(address, port));
                }
                udpChannels.addAll(channels);
                udp = new UdpSockets(udpChannels);
                bound.add(new ListeningPoint(Transport.UDP, (InetSocketAddress) channels.get(0).localAddress()));
            }
            if (wantTcp) {
                Channel server = binder.bindTcp(new InetSocketAddress(address, port));
                servers.add(server);
                bound.add(new ListeningPoint(Transport.TCP, (InetSocketAddress) server.localAddress()));
            }
            if (tlsPort >= 0) {
                Channel server = binder.bindStream(new InetSocketAddress(address, tlsPort), Transport.TLS,
                        pipelines.accepted(tlsConnections, Transport.TLS, () -> liveTls.server()));
                servers.add(server);
                InetSocketAddress local = (InetSocketAddress) server.localAddress();
                tlsPort = local.getPort(); // a picked port is shared by the other interfaces
                bound.add(new ListeningPoint(Transport.TLS, local));
            }
            if (wsPort >= 0) {
                wsPort = bindWebSocket(binder, address, wsPort, Transport.WS, wsConnections, null, bound);
            }
            if (wssPort >= 0) {
                // the TLS listener's certificate while TLS is on, so that a reload renews both
                wssPort = bindWebSocket(binder, address, wssPort, Transport.WSS, wssConnections,
                        () -> liveTls != null ? liveTls.server() : ws.wssContext(), bound);
            }
        }
        points = List.copyOf(bound);
    }

    /** Binds one WebSocket listener; returns its real port, which the other interfaces then share. */
    private int bindWebSocket(ListenerBinder binder, InetAddress address, int port, Transport transport,
                              ConnectionTable table, java.util.function.Supplier<io.netty.handler.ssl.SslContext> tls,
                              List<ListeningPoint> bound)
            throws BindFailedException {
        Channel server = binder.bindStream(new InetSocketAddress(address, port), transport,
                webSockets.accepted(table, transport, tls));
        servers.add(server);
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        bound.add(new ListeningPoint(transport, local));
        return local.getPort();
    }

    /** Starts reading listeners bound with {@code start(false)}; nothing for those that read already. */
    public synchronized void startReading() {
        for (Channel c : udp.channels()) {
            c.config().setAutoRead(true);
        }
        for (Channel c : servers) {
            c.config().setAutoRead(true);
        }
    }

    /** A port no UDP socket holds, found with a plain socket: SO_REUSEPORT sockets could share one by accident. */
    private static int freeUdpPort(InetAddress address) throws BindFailedException {
        InetSocketAddress any = new InetSocketAddress(address, 0);
        try (DatagramSocket probe = new DatagramSocket(any)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new BindFailedException(Transport.UDP, any, e);
        }
    }

    /** Closes listeners, connections and event loops; returns within about two seconds. */
    public synchronized void stop() {
        if (group == null) {
            return;
        }
        closeListeners();
        for (Channel c : connections.all()) {
            c.close();
        }
        for (ConnectionTable table : List.of(tlsConnections, wsConnections, wssConnections)) {
            for (Channel c : table.all()) {
                c.close();
            }
        }
        shutdownGroup();
        points = List.of();
    }

    private void closeListeners() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel c : udp.channels()) {
            closing.add(c.close());
        }
        for (Channel c : servers) {
            closing.add(c.close());
        }
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(500, TimeUnit.MILLISECONDS);
        }
        udp = new UdpSockets(List.of());
        servers.clear();
        points = List.of();
    }

    private void shutdownGroup() {
        if (group != null) {
            group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
            group = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Peer to) {
        switch (to.transport()) {
            case UDP:
                return sendDatagram(message, to.address());
            case TCP:
                return connector == null ? notStarted() : connector.channelTo(to.address())
                        .thenCompose(ch -> completion(ch.writeAndFlush(message)));
            case TLS:
                return tlsConnector == null ? CompletableFuture.failedFuture(new IOException("TLS is off"))
                        : tlsConnector.channelTo(to.address()).thenCompose(ch -> completion(ch.writeAndFlush(message)));
            case WS:
                return overWebSocket(wsConnections, message, to);
            case WSS:
                return overWebSocket(wssConnections, message, to);
            default:
                return CompletableFuture.failedFuture(new IOException("Transport " + to.transport()
                        + " is not supported"));
        }
    }

    /** Datagrams go out as they are; streams (which never resend) take the parsing default. */
    @Override
    public CompletableFuture<Void> sendEncoded(byte[] wire, Peer to) {
        if (to.transport() != Transport.UDP) {
            return MessageSender.super.sendEncoded(wire, to);
        }
        InetSocketAddress address = to.address();
        Channel ch = udp.channelFor(address);
        return ch == null ? unreachable(address)
                : completion(ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(wire), address)));
    }

    private CompletableFuture<Void> sendDatagram(SipMessage message, InetSocketAddress to) {
        Channel ch = udp.channelFor(to);
        return ch == null ? unreachable(to)
                : completion(ch.writeAndFlush(new DatagramPacket(SipEncoder.encode(message, ch.alloc()), to)));
    }

    /** Only over the browser's own connection (RFC 7118 §5): when it is gone, the browser is unreachable. */
    private static CompletableFuture<Void> overWebSocket(ConnectionTable table, SipMessage message, Peer to) {
        Channel ch = table.get(to.address());
        if (ch == null) {
            return CompletableFuture.failedFuture(new IOException("No " + to.transport().param()
                    + " connection from " + to + " is open: a browser is only reached over its own connection"));
        }
        return completion(ch.writeAndFlush(message));
    }

    private static CompletableFuture<Void> unreachable(InetSocketAddress to) {
        return CompletableFuture.failedFuture(new IOException("No UDP listener can reach " + to));
    }

    private static CompletableFuture<Void> notStarted() {
        return CompletableFuture.failedFuture(new IllegalStateException("Transports not started"));
    }

    private static CompletableFuture<Void> completion(ChannelFuture f) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.addListener(r -> {
            if (r.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(r.cause());
            }
        });
        return done;
    }

    /** Every bound listener with its real address and port. */
    public List<ListeningPoint> listeningPoints() {
        return points;
    }

    public List<InetSocketAddress> addresses(Transport transport) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ListeningPoint p : points) {
            if (p.transport() == transport) {
                out.add(p.address());
            }
        }
        return out;
    }

    /** The port all listeners share, or -1 before start. */
    public int port() {
        List<ListeningPoint> p = points;
        return p.isEmpty() ? -1 : p.get(0).address().getPort();
    }

    public CodecCounters counters() {
        return counters;
    }

    /** Well-formed messages whose handling threw (logged; the listener went on serving), since start. */
    public long handlerFailures() {
        return pipelines.handlerFailures();
    }

    /** Open TCP, TLS and WebSocket connections, inbound and outbound. */
    public int connectionCount() {
        return connections.size() + tlsConnections.size() + wsConnections.size() + wssConnections.size();
    }

    /** Open WS plus WSS connections (upgraded or still shaking hands). */
    public int webSocketCount() {
        return wsConnections.size() + wssConnections.size();
    }

    /** The TLS settings when TLS is on, else null. */
    private TlsSettings tls() {
        return liveTls;
    }

    /** True when a TLS listener is configured (it may be bound or not yet). */
    public boolean tlsEnabled() {
        return liveTls != null;
    }

    /**
     * New certificate, key and trust for the TLS listener (the port stays): handshakes
     * from now on use them, connections already up keep theirs.
     *
     * @throws IllegalStateException when TLS is off: only a restart can start a listener
     */
    public void replaceTls(TlsSettings next) {
        if (liveTls == null) {
            throw new IllegalStateException("TLS is not listening; a restart starts it");
        }
        liveTls = java.util.Objects.requireNonNull(next, "next");
    }

    /** What the TLS listener serves, e.g. {@code serial 5f.., CN=..., until ...}; empty when TLS is off. */
    public java.util.Optional<String> tlsCertificate() {
        TlsSettings t = liveTls;
        return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.certificate());
    }

    /** UDP sockets bound in all (several per address with epoll and SO_REUSEPORT). */
    public int udpSocketCount() {
        return udp.channels().size();
    }

    /** True when the native epoll transport is in use. */
    public boolean isNative() {
        return flavor.epoll();
    }
}
