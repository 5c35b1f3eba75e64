package org.sipwitch.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds or opens the TCP connection to a remote address. Concurrent sends to an
 * address with no connection share one connect attempt instead of racing.
 */
final class StreamConnector {
    private final Bootstrap bootstrap;
    private final ConnectionTable connections;
    private final Map<InetSocketAddress, CompletableFuture<Channel>> pending = new ConcurrentHashMap<>();

    StreamConnector(Bootstrap bootstrap, ConnectionTable connections) {
        this.bootstrap = bootstrap;
        this.connections = connections;
    }

    CompletableFuture<Channel> channelTo(InetSocketAddress remote) {
        Channel open = connections.get(remote);
        if (open != null) {
            return CompletableFuture.completedFuture(open);
        }
        CompletableFuture<Channel> mine = new CompletableFuture<>();
        CompletableFuture<Channel> existing = pending.putIfAbsent(remote, mine);
        if (existing != null) {
            return existing;
        }
        open = connections.get(remote); // connected while we were looking
        if (open != null) {
            pending.remove(remote, mine);
            mine.complete(open);
            return mine;
        }
        bootstrap.connect(remote).addListener((ChannelFuture f) -> {
            pending.remove(remote, mine);
            if (!f.isSuccess()) {
                mine.completeExceptionally(f.cause());
            } else if (!connections.add(f.channel(), remote)) {
                f.channel().close();
                mine.completeExceptionally(new IOException("Connection limit reached, not connecting to " + remote));
            } else {
                mine.complete(f.channel());
            }
        });
        return mine;
    }
}
