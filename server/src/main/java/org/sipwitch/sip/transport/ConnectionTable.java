package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open TCP connections, inbound and outbound, by remote address: a request or
 * response for a phone registered over TCP goes back over the connection it opened
 * (RFC 3261 §18.2.2, RFC 5626), since NAT usually lets nothing else through.
 * The size is capped so that a connection flood cannot exhaust file descriptors.
 */
final class ConnectionTable {
    private final Map<InetSocketAddress, Channel> byRemote = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    ConnectionTable(int max) {
        this.max = max;
    }

    /** Adds an active connection; false (and nothing added) when the table is full. */
    boolean add(Channel channel, InetSocketAddress remote) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        byRemote.put(remote, channel);
        channel.closeFuture().addListener(f -> {
            count.decrementAndGet();
            byRemote.remove(remote, channel);
        });
        return true;
    }

    /** The open connection to that address, or null. */
    Channel get(InetSocketAddress remote) {
        Channel c = byRemote.get(remote);
        return c != null && c.isActive() ? c : null;
    }

    int size() {
        return count.get();
    }

    List<Channel> all() {
        return new ArrayList<>(byRemote.values());
    }
}
