package org.sipwitch.testing;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * jain-sip's sockets, bound by the test on port 0 before the stack asks for them
 * ({@code gov.nist.javax.sip.NETWORK_LAYER}). jain-sip refuses port 0 for a listening
 * point; without this a phone's port would be found free, closed and bound again by
 * the stack — and anything else on the machine may take it in between. Everything the
 * stack opens that was not bound here (outgoing connections) is the default layer's.
 */
public final class PreboundNetworkLayer implements NetworkLayer {
    private static final Map<Integer, DatagramSocket> DATAGRAM = new ConcurrentHashMap<>();
    private static final Map<Integer, ServerSocket> LISTENING = new ConcurrentHashMap<>();
    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;

    /** Binds a UDP socket on 127.0.0.1 port 0, kept for the stack; returns its port. */
    public static int bindUdp() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DATAGRAM.put(s.getLocalPort(), s);
        return s.getLocalPort();
    }

    /** Binds a listening TCP socket on 127.0.0.1 port 0, kept for the stack; returns its port. */
    public static int bindTcp() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LISTENING.put(s.getLocalPort(), s);
        return s.getLocalPort();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress address) throws SocketException {
        DatagramSocket s = DATAGRAM.remove(port);
        return s != null ? s : plain.createDatagramSocket(port, address);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket s = LISTENING.remove(port);
        return s != null ? s : plain.createServerSocket(port, backlog, address);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return plain.createSSLServerSocket(port, backlog, address);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local) throws IOException {
        return plain.createSocket(address, port, local);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return plain.createSocket(address, port, local, localPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return plain.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress local) throws IOException {
        return plain.createSSLSocket(address, port, local);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // nothing of the stack is needed
    }
}
