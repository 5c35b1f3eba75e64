package org.sipwitch.management;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Server sockets for RMI bound to one address (the configured JMX interface) instead of
 * all of them, optionally speaking TLS. The RMI registry and the connector use the same
 * instance, which RMI needs (equal factories) to share one port between them. The JDK's
 * {@code SslRMIServerSocketFactory} cannot bind to one address, hence this class.
 */
final class BoundServerSocketFactory implements RMIServerSocketFactory {

    private final InetAddress address;
    private final SSLContext tls;

    /** @param tls the server's TLS context, or null for plain TCP */
    BoundServerSocketFactory(InetAddress address, SSLContext tls) {
        this.address = address;
        this.tls = tls;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : new TlsServerSocket(tls);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 50);
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
        return o instanceof BoundServerSocketFactory f && f.address.equals(address) && f.tls == tls;
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /**
     * Accepts TCP and wraps each connection in server-side TLS; the handshake happens at
     * the first read, on the connection's own RMI thread, so a slow client never holds
     * up accepting the next one.
     */
    private static final class TlsServerSocket extends ServerSocket {
        private final SSLContext tls;

        TlsServerSocket(SSLContext tls) throws IOException {
            this.tls = tls;
        }

        @Override
        public Socket accept() throws IOException {
            Socket plain = super.accept();
            try {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                        plain.getInetAddress().getHostAddress(), plain.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.setEnabledProtocols(JmxTls.PROTOCOLS.toArray(String[]::new));
                ssl.setNeedClientAuth(false);
                return ssl;
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }
    }
}
