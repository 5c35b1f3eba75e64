package org.sipwitch.sip.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare UDP peer for stack tests: sends hand-written SIP text and reads what
 * comes back, with a bounded wait. It plays a phone that does nothing clever.
 */
final class UdpProbe implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    UdpProbe(int serverPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** A REGISTER for {@code user}, optionally with an Authorization header value. */
    String register(String user, String callId, int cseq, String authorization) {
        int n = SEQ.incrementAndGet();
        return "REGISTER sip:127.0.0.1:" + server.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bKprobe" + n + ";rport\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=p" + n + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Max-Forwards: 70\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort() + ">\r\n"
                + (authorization != null ? "Authorization: " + authorization + "\r\n" : "")
                + "Expires: 300\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    String options() {
        int n = SEQ.incrementAndGet();
        return "OPTIONS sip:127.0.0.1:" + server.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bKopt" + n + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=o" + n + "\r\n"
                + "To: <sip:127.0.0.1>\r\n"
                + "Call-ID: opt" + n + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    void send(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, server));
    }

    /** The next datagram as text, or null when nothing came within {@code millis}. */
    String receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** Sends and returns the first final response (skipping 100 Trying), or null. */
    String exchange(String text) throws IOException {
        send(text);
        for (int i = 0; i < 5; i++) {
            String r = receive(2000);
            if (r == null || !r.startsWith("SIP/2.0 1")) {
                return r;
            }
        }
        return null;
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
