package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.net.SendingLane;

/** Which of several bound UDP sockets a datagram leaves by: real channels on 127.0.0.1. */
class UdpSocketsTest {
    static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 5999);

    EventLoopGroup group;
    List<Channel> bound = new ArrayList<>();
    UdpSockets sockets;

    @BeforeEach
    void bind() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        // nothing is read here: the test only asks which socket would send
                    }
                });
        for (int i = 0; i < 2; i++) {
            bound.add(b.bind("127.0.0.1", 0).sync().channel());
        }
        sockets = new UdpSockets(bound);
    }

    @AfterEach
    void close() {
        bound.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aLaneSendsEveryDatagramByTheSameSocketSoTheyLeaveInItsOrder() {
        Set<Channel> used = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            used.add(sockets.channelFor(PHONE));
        }
        assertThat(used).hasSize(1);
    }

    @Test
    void laneIUsesSocketIModNSoTheLanesSpreadEvenly() throws Exception {
        List<Channel> choices = new ArrayList<>();
        for (int lane = 0; lane < 4; lane++) {
            int number = lane;
            CompletableFuture<Set<Channel>> used = new CompletableFuture<>();
            new Thread(() -> {
                SendingLane.enter(number);
                Set<Channel> seen = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    seen.add(sockets.channelFor(PHONE));
                }
                used.complete(seen);
            }).start();
            Set<Channel> seen = used.get(10, TimeUnit.SECONDS);
            assertThat(seen).hasSize(1);
            choices.addAll(seen);
        }
        assertThat(choices).containsExactly(bound.get(0), bound.get(1), bound.get(0), bound.get(1));
    }

    @Test
    void anEventLoopSendsByItsOwnSocket() throws Exception {
        for (Channel own : bound) {
            Channel chosen = own.eventLoop().submit(() -> sockets.channelFor(PHONE)).get(10, TimeUnit.SECONDS);
            assertThat(chosen).isSameAs(own);
        }
    }
}
