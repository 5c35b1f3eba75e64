package org.sipwitch.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A provider's registrar over UDP on 127.0.0.1 that answers only when the test says so:
 * what Kamailio cannot do on cue, hold a REGISTER unanswered while the daemon is
 * reloaded or stopped. It asks for no credentials; every request it receives is kept,
 * retransmissions included, in arrival order.
 */
final class HeldRegistrar implements AutoCloseable {
    /** A request as received: the message and who sent it. */
    record Received(StreamPhone.Msg msg, SocketAddress from) {
        String header(String name) {
            return msg.header(name);
        }
    }

    private final DatagramSocket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    HeldRegistrar() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(this::read, "held-registrar");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buf = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            try {
                received.add(new Received(StreamPhone.readFrom(new ByteArrayInputStream(p.getData(), 0, p.getLength())),
                        p.getSocketAddress()));
            } catch (IOException e) {
                // not a whole SIP message: nothing the daemon sends, and nothing a test waits for
            }
        }
    }

    /** The next request received that {@code wanted} accepts (others are passed over), or an error after {@code wait}. */
    Received next(Predicate<Received> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Received r = received.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && wanted.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no such request within " + wait);
    }

    /** A REGISTER whose Expires is {@code expires}. */
    static Predicate<Received> register(int expires) {
        return r -> r.msg().isRequest("REGISTER") && Integer.toString(expires).equals(r.header("Expires"));
    }

    /** Answers {@code request} 200, the binding its Contact asked for kept {@code expires} seconds. */
    void ok(Received request, int expires) throws IOException {
        String response = request.msg().response(200, "OK", "held",
                expires > 0 ? "Contact: " + request.header("Contact") + ";expires=" + expires + "\r\n" : "", "");
        byte[] b = response.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, request.from()));
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5_000);
    }
}
