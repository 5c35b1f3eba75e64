package org.sipwitch.sip.codec;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Channels report SocketAddress; SIP needs IP and port. Test channels report neither. */
final class Addresses {
    private static final InetSocketAddress UNKNOWN = new InetSocketAddress("0.0.0.0", 0);

    private Addresses() {
    }

    static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : UNKNOWN;
    }
}
