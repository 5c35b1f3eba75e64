package org.sipwitch.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.net.Transport;

/** Binds the UDP sockets and the TCP server socket of one local address. */
final class ListenerBinder {
    /** Larger than any UDP payload, so a datagram is never cut short by the read buffer. */
    private static final int DATAGRAM_BUFFER = 65_536;
    /**
     * Kernel receive buffer asked for each UDP socket (Linux caps it at net.core.rmem_max).
     * At 30,000 datagrams/s a 40 ms garbage-collection pause queues 1,200 of them; 1 MiB
     * held about 450 loopback datagrams, so the rest were dropped and every drop came back
     * as a retransmission. Memory is only used while a backlog exists.
     */
    private static final int SOCKET_RECEIVE_BUFFER = 8 << 20;

    private final IoFlavor flavor;
    private final EventLoopGroup group;
    private final Pipelines pipelines;
    private final int udpSockets;
    /** False: listeners are bound but read nothing until the transport manager starts them. */
    private final boolean reading;

    ListenerBinder(IoFlavor flavor, EventLoopGroup group, Pipelines pipelines, int udpSockets, boolean reading) {
        this.flavor = flavor;
        this.group = group;
        this.pipelines = pipelines;
        this.udpSockets = flavor.epoll() ? Math.max(1, udpSockets) : 1;
        this.reading = reading;
    }

    /** One UDP socket per event loop on epoll (SO_REUSEPORT spreads datagrams over them), else one. */
    List<Channel> bindUdp(InetSocketAddress at) throws BindFailedException {
        Bootstrap b = new Bootstrap().group(group).channelFactory(() -> flavor.newDatagram(at.getAddress()))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_BUFFER))
                .option(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER)
                .option(ChannelOption.AUTO_READ, reading)
                .handler(pipelines.datagram());
        if (udpSockets > 1) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
            claimExclusively(at);
        }
        List<Channel> bound = new ArrayList<>(udpSockets);
        InetSocketAddress address = at;
        for (int i = 0; i < udpSockets; i++) {
            ChannelFuture f = b.bind(address).awaitUninterruptibly();
            if (!f.isSuccess()) {
                bound.forEach(Channel::close);
                throw new BindFailedException(Transport.UDP, address, f.cause());
            }
            bound.add(f.channel());
            // the others join the port the first one got
            address = new InetSocketAddress(at.getAddress(), ((InetSocketAddress) f.channel().localAddress()).getPort());
        }
        return bound;
    }

    /**
     * SO_REUSEPORT lets any socket of the same user that also asks for it join the port:
     * a second daemon would start silently and take half of the registrations. A plain
     * socket cannot join a port that anyone holds, so binding one first (and letting it go
     * just before our group takes the port) makes "address in use" fail the start, as it
     * does for TCP. The moment between the two is a few microseconds of one start-up.
     */
    private static void claimExclusively(InetSocketAddress at) throws BindFailedException {
        if (at.getPort() == 0) {
            return; // a port picked for us is free by definition
        }
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(at);
        } catch (java.io.IOException e) {
            throw new BindFailedException(Transport.UDP, at, e);
        }
    }

    Channel bindTcp(InetSocketAddress at) throws BindFailedException {
        return bindStream(at, Transport.TCP, pipelines.accepted());
    }

    /** A stream listener (TCP or TLS) with the given chain for accepted connections. */
    Channel bindStream(InetSocketAddress at, Transport transport, io.netty.channel.ChannelHandler children)
            throws BindFailedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(flavor.server())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.AUTO_READ, reading)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(children);
        ChannelFuture f = b.bind(at).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new BindFailedException(transport, at, f.cause());
        }
        return f.channel();
    }

    Bootstrap outbound(int connectTimeoutMillis) {
        return outbound(connectTimeoutMillis, pipelines.outbound());
    }

    Bootstrap outbound(int connectTimeoutMillis, io.netty.channel.ChannelHandler handler) {
        return new Bootstrap().group(group).channel(flavor.stream())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(handler);
    }
}
