package org.sipwitch.management;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Server sockets for RMI bound to one address (the configured JMX interface) instead of
 * all of them. The RMI registry and the connector use the same instance, which RMI
 * needs (equal factories) to share one port between them.
 */
final class BoundServerSocketFactory implements RMIServerSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    private final InetAddress address;

    BoundServerSocketFactory(InetAddress address) {
        this.address = address;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(address, port), 50);
        return socket;
    }

    /** A port free on {@code address} right now (for {@code <port>0</port>}). */
    int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundServerSocketFactory f && f.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}
