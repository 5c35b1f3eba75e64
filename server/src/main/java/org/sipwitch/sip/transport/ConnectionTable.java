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
    /** Why {@link #admit} said no. */
    enum Admission { ADMITTED, TABLE_FULL, SOURCE_FULL }

    private final Map<InetSocketAddress, Channel> byRemote = new ConcurrentHashMap<>();
    private final Map<java.net.InetAddress, AtomicInteger> bySource = new ConcurrentHashMap<>();
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

    /**
     * Adds an accepted connection unless the table is full or its source already holds
     * {@code perSource} of them (a source must not take every slot).
     */
    Admission admit(Channel channel, InetSocketAddress remote, int perSource) {
        java.net.InetAddress source = remote.getAddress();
        AtomicInteger mine = bySource.computeIfAbsent(source, k -> new AtomicInteger());
        if (mine.incrementAndGet() > perSource) {
            release(source, mine);
            return Admission.SOURCE_FULL;
        }
        if (!add(channel, remote)) {
            release(source, mine);
            return Admission.TABLE_FULL;
        }
        channel.closeFuture().addListener(f -> release(source, mine));
        return Admission.ADMITTED;
    }

    private void release(java.net.InetAddress source, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            bySource.remove(source, count); // a racing admit re-creates it; at worst one slot is uncounted briefly
        }
    }

    /** Connections one source holds now. */
    int fromSource(java.net.InetAddress source) {
        AtomicInteger n = bySource.get(source);
        return n == null ? 0 : Math.max(0, n.get());
    }

    /** The open connection to that address, or null. */
    Channel get(InetSocketAddress remote) {
        Channel c = byRemote.get(remote);
        return c != null && c.isActive() ? c : null;
    }

    int max() {
        return max;
    }

    int size() {
        return count.get();
    }

    List<Channel> all() {
        return new ArrayList<>(byRemote.values());
    }
}
