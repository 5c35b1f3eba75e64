package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.sipwitch.sip.net.SendingLane;

/**
 * The bound UDP sockets, and which one sends to a given address: one of the right
 * family (the IPv6 wildcard reaches both), preferring a loopback socket for loopback
 * targets and the socket served by the calling event loop (no thread hand-off).
 * <p>
 * Among equals, a thread that is no event loop always gets the same socket: lane {@code i}
 * takes socket {@code i mod n} ({@link SendingLane}), any other thread one chosen by its id.
 * Netty keeps the order of writes from one thread to one channel, not across channels:
 * with a socket per send, a lane's 180 and 200 sent back to back could leave in the
 * other order, and a strict phone (sipp is one) fails a call whose 180 comes after its 200.
 */
record UdpSockets(List<Channel> channels) {

    UdpSockets {
        channels = List.copyOf(channels);
    }

    Channel channelFor(InetSocketAddress to) {
        Channel best = null;
        int bestScore = -1;
        int n = channels.size();
        int start = n == 0 ? 0 : Math.floorMod(preferredIndex(), n);
        for (int k = 0; k < n; k++) {
            Channel c = channels.get((start + k) % n);
            int score = score((InetSocketAddress) c.localAddress(), to.getAddress());
            if (score < 0) {
                continue;
            }
            if (c.eventLoop().inEventLoop()) {
                score++;
            }
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static int preferredIndex() {
        int lane = SendingLane.current();
        return lane >= 0 ? lane : Long.hashCode(Thread.currentThread().getId());
    }

    private static int score(InetSocketAddress local, InetAddress to) {
        if (local == null || !local.getAddress().getClass().equals(Inet6Address.class)
                && to instanceof Inet6Address) {
            return -1; // an IPv4 socket cannot send to IPv6
        }
        InetAddress l = local.getAddress();
        if (l.isAnyLocalAddress()) {
            return 2;
        }
        if (l instanceof Inet6Address != to instanceof Inet6Address) {
            return -1;
        }
        return l.isLoopbackAddress() == to.isLoopbackAddress() ? 4 : 0;
    }
}
