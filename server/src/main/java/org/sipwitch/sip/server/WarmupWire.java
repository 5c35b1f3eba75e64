package org.sipwitch.sip.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import org.sipwitch.sip.net.Transport;

/**
 * One socket of a warm-up phone, over the transport the daemon's phones use: a datagram
 * socket, a TCP connection or a TLS connection. It carries SIP text both ways and hands
 * back whole messages, so that {@link WarmupPhone} writes the same flows for all three.
 */
interface WarmupWire extends Closeable {

    /** How long a receive waits before the flow it belongs to counts as failed. */
    int TIMEOUT_MILLIS = 1_000;

    /** UDP, TCP or TLS: what the Via says. */
    Transport transport();

    /** {@code 127.0.0.1:port} of this end, for Via and Contact. */
    String local();

    void send(String text) throws IOException;

    /** The next whole message, or null when none came within {@link #TIMEOUT_MILLIS}. */
    String receive() throws IOException;

    /** A socket to {@code server} over {@code transport}; {@code tls} is needed for TLS only. */
    static WarmupWire open(Transport transport, InetSocketAddress server, SSLContext tls) throws IOException {
        return switch (transport) {
            case UDP -> new DatagramWire(server);
            case TCP, TLS -> StreamWire.connect(transport, server, tls);
            default -> throw new IllegalArgumentException("no warm-up over " + transport);
        };
    }
}
