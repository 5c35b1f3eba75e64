package org.sipwitch.sip.net;

import java.net.InetSocketAddress;

/** One bound listener: a transport on a local socket address (the real port, even when 0 was asked for). */
public record ListeningPoint(Transport transport, InetSocketAddress address) {

    @Override
    public String toString() {
        return new Peer(transport, address).toString();
    }
}
