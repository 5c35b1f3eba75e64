package org.sipwitch.sip.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.net.Transport;

/** A warm-up phone's UDP socket on 127.0.0.1: one datagram is one message. */
final class DatagramWire implements WarmupWire {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] in = new byte[8192];

    DatagramWire(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public String local() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void send(String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(out, out.length, server));
    }

    @Override
    public String receive() throws IOException {
        DatagramPacket p = new DatagramPacket(in, in.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        socket.close();
    }
}
