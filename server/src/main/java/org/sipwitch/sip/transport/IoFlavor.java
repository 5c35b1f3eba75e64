package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Native epoll where the platform has it (SO_REUSEPORT lets several event loops read
 * the same UDP port), NIO elsewhere. Chosen once per manager.
 */
record IoFlavor(boolean epoll, IoHandlerFactory handlers, Class<? extends ServerChannel> server,
                Class<? extends Channel> stream) {

    static IoFlavor choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new IoFlavor(true, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new IoFlavor(false, NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /**
     * A datagram channel of the family of the address it will bind: an IPv4 address gets
     * an IPv4 socket, not an IPv6 one bound to the mapped address, which receives the
     * same datagrams but shows up in /proc/net/udp6, where tools looking for a port's
     * receive-buffer drops (and operators) do not look for an IPv4 listener.
     */
    Channel newDatagram(InetAddress bindAddress) {
        boolean v4 = bindAddress instanceof Inet4Address;
        if (epoll) {
            return v4 ? new EpollDatagramChannel(SocketProtocolFamily.INET) : new EpollDatagramChannel();
        }
        return v4 ? new NioDatagramChannel(SocketProtocolFamily.INET) : new NioDatagramChannel();
    }

    MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("sip-io", true), handlers);
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }
}
