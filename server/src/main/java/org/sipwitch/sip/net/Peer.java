package org.sipwitch.sip.net;

import java.net.InetSocketAddress;
import org.sipwitch.ip.IpLiteral;

/**
 * The other end of a hop: transport plus socket address. For stream transports the
 * address is the remote end of a connection, so a Peer recorded from a request
 * (e.g. a phone's REGISTER over TCP) leads back over that same connection while it
 * is open.
 */
public record Peer(Transport transport, InetSocketAddress address) {

    @Override
    public String toString() {
        String host = address.getAddress() != null
                ? IpLiteral.format(address.getAddress()) : address.getHostString();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return transport.param() + ":" + host + ":" + address.getPort();
    }
}
