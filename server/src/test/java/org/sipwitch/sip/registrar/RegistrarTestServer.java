package org.sipwitch.sip.registrar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipwitch.sip.message.Header;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.transport.Peer;
import org.sipwitch.sip.transport.Transport;

/**
 * A stand-in for the real transports until the Netty codec is ready: plain UDP and
 * TCP sockets on loopback, a line-based parse into the message model (test-only,
 * lenient), the Registrar, and the response written back where the request came
 * from (same datagram source, same TCP connection). The lead moves the jain-sip
 * test onto the real stack later.
 */
final class RegistrarTestServer implements AutoCloseable {
    private final Registrar registrar;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registrar-test-server");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger requests = new AtomicInteger();
    private volatile boolean open = true;

    RegistrarTestServer(Registrar registrar) throws IOException {
        this.registrar = registrar;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        tcp = new ServerSocket(0, 10, loopback);
        tcp.setReuseAddress(true);
        threads.submit(this::udpLoop);
        threads.submit(this::acceptLoop);
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    int tcpPort() {
        return tcp.getLocalPort();
    }

    private void udpLoop() {
        byte[] buf = new byte[65535];
        while (open) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                byte[] out = handle(text, new Peer(Transport.UDP, from));
                if (out != null) {
                    udp.send(new DatagramPacket(out, out.length, from));
                }
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = tcp.accept();
                threads.submit(() -> connectionLoop(s));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void connectionLoop(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Peer peer = new Peer(Transport.TCP, (InetSocketAddress) s.getRemoteSocketAddress());
            while (open) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                in.readNBytes(length); // REGISTER bodies are ignored
                byte[] resp = handle(head, peer);
                if (resp != null) {
                    out.write(resp);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // connection closed by the UA
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        int state = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (b.size() == 0 && (c == '\r' || c == '\n')) {
                continue; // CRLF keep-alives between messages
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return b.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equals("l")) {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
        }
        return 0;
    }

    private byte[] handle(String text, Peer source) {
        try {
            SipRequest request = parse(text);
            if (request == null) {
                return null; // responses and junk are dropped
            }
            requests.incrementAndGet();
            return serialize(registrar.handle(request, source));
        } catch (Exception e) {
            return null;
        }
    }

    /** Test-only parsing: start line, unfolded header lines; the body is not needed for REGISTER. */
    static SipRequest parse(String text) throws Exception {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3 || !start[2].equals("SIP/2.0")) {
            return null;
        }
        SipRequest r = new SipRequest(start[0], SipUri.parse(start[1]));
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                r.addHeader(name, value.toString());
            }
            int colon = line.indexOf(':');
            name = line.substring(0, colon).trim();
            value.setLength(0);
            value.append(line.substring(colon + 1).trim());
        }
        if (name != null) {
            r.addHeader(name, value.toString());
        }
        return r;
    }

    static byte[] serialize(SipResponse response) {
        StringBuilder b = new StringBuilder(512).append(response.startLine()).append("\r\n");
        for (Header h : response.headers().all()) {
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        open = false;
        udp.close();
        tcp.close();
        threads.shutdownNow();
    }
}
