package org.sipwitch.sip.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.sipwitch.sip.net.Transport;

/**
 * A warm-up phone's TCP or TLS connection. A stream has no message boundaries, so what
 * arrives is cut into messages as RFC 3261 §18.3 says: the header ends at the empty line
 * and {@code Content-Length} gives the body; keep-alive CRLFs between messages are skipped.
 */
final class StreamWire implements WarmupWire {
    /** Nothing the warm-up server sends comes near this; more means the stream is out of step. */
    private static final int MAX_MESSAGE = 65_536;

    private final Transport transport;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[16_384];
    private int start;
    private int end;

    private StreamWire(Transport transport, Socket socket) throws IOException {
        this.transport = transport;
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static StreamWire connect(Transport transport, InetSocketAddress server, SSLContext tls) throws IOException {
        Socket socket = transport == Transport.TLS
                ? tls.getSocketFactory().createSocket(server.getAddress(), server.getPort())
                : new Socket(server.getAddress(), server.getPort());
        try {
            if (socket instanceof SSLSocket secure) {
                socket.setSoTimeout(TIMEOUT_MILLIS * 5); // a cold JVM's first handshake is slow
                secure.startHandshake();
            }
            return new StreamWire(transport, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public String local() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public String receive() throws IOException {
        while (true) {
            while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
                start++;
            }
            int length = messageLength();
            if (length > 0 && end - start >= length) {
                String message = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
                start += length;
                return message;
            }
            if (!fill()) {
                return null;
            }
        }
    }

    /** Header plus body of the message at {@code start}, or 0 while its header is incomplete. */
    private int messageLength() throws IOException {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                String head = new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
                return i + 4 - start + contentLength(head);
            }
        }
        return 0;
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("the server sent a Content-Length that is not a number");
                }
            }
        }
        throw new IOException("the server sent a message without Content-Length: " + head.lines().findFirst().orElse(""));
    }

    /** Reads more; false when nothing came within the timeout. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            if (buffer.length >= MAX_MESSAGE) {
                throw new IOException("a message of more than " + MAX_MESSAGE + " bytes");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        try {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            end += n;
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
