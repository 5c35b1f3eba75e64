package org.sipwitch.sip.codec;

import java.net.InetSocketAddress;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * One {@link Peer} per recent datagram sender. A phone's REGISTER and its answer to our
 * 401 come from one address milliseconds apart, and each transaction keeps the Peer it
 * came from for the 32 s it lingers (with its address: about 120 bytes); sharing it is
 * a tenth of what lingering costs. Direct-mapped and unsynchronized: a slot lost to a
 * race or a collision only means a Peer of its own, as before; Peers are immutable.
 */
final class RecentSenders {
    private static final int SLOTS = 4096;
    private final Peer[] slots = new Peer[SLOTS];

    Peer of(InetSocketAddress sender) {
        int slot = (sender.hashCode() * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SLOTS));
        Peer p = slots[slot];
        if (p != null && p.address().equals(sender)) {
            return p;
        }
        p = new Peer(Transport.UDP, sender);
        slots[slot] = p;
        return p;
    }
}
