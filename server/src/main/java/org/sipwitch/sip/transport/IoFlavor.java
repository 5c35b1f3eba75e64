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
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Native epoll where the platform has it (SO_REUSEPORT lets several event loops read
 * the same UDP port), NIO elsewhere. Chosen once per manager.
 */
record IoFlavor(boolean epoll, IoHandlerFactory handlers, Class<? extends Channel> datagram,
                Class<? extends ServerChannel> server, Class<? extends Channel> stream) {

    static IoFlavor choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new IoFlavor(true, EpollIoHandler.newFactory(), EpollDatagramChannel.class,
                    EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new IoFlavor(false, NioIoHandler.newFactory(), NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class);
    }

    MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("sip-io", true), handlers);
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }
}
