package org.sipwitch.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 6455 by hand, so the tests see every byte: the client's upgrade request, the
 * server's HTTP answer, masked client frames (or unmasked ones, to break the rules),
 * and the frames the server sends.
 */
final class WsFrames {
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An HTTP answer: status line, headers (lower-case names), body. */
    record HttpAnswer(int status, String statusLine, Map<String, String> headers, String body) {
    }

    /** A frame from the server. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private WsFrames() {
    }

    /** Sends an upgrade request with these extra header lines ("Origin: x", ...); reads the answer head and body. */
    static HttpAnswer upgrade(Socket socket, String... headerLines) throws IOException {
        StringBuilder b = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + socket.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
        for (String h : headerLines) {
            b.append(h).append("\r\n");
        }
        return request(socket, b.append("\r\n").toString());
    }

    /** Sends any bytes as the request; reads the HTTP answer (body by Content-Length, none on 101). */
    static HttpAnswer request(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("closed before the HTTP answer ended: " + head);
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        String length = headers.get("content-length");
        String body = status == 101 || length == null ? ""
                : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        return new HttpAnswer(status, lines[0], headers, body);
    }

    static void send(OutputStream out, int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(mask | payload.length);
        } else if (payload.length < 65536) {
            f.write(mask | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            RANDOM.nextBytes(key);
            f.write(key);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    static void sendText(OutputStream out, String text) throws IOException {
        send(out, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The next frame from the server (servers never mask). */
    static Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("connection closed by the server");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("frame cut short");
        }
        return new Frame(b0 & 0x0f, payload);
    }

    /** The next text or binary frame, skipping pings and pongs. */
    static Frame readData(InputStream in) throws IOException {
        while (true) {
            Frame f = read(in);
            if (f.opcode() != PING && f.opcode() != PONG) {
                return f;
            }
        }
    }
}
