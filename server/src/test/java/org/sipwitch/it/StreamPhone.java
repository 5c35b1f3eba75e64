package org.sipwitch.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone that speaks SIP as plain text over one stream socket (a TLS socket, for the
 * TLS tests): it writes requests and responses by hand and frames what it reads by
 * Content-Length, so every byte on the wire is visible in the test. Everything the
 * server sends comes back over this one connection (RFC 3261 §18, connection reuse).
 */
class StreamPhone implements AutoCloseable {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    /** One message read from the socket. */
    record Msg(String startLine, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }

        int status() {
            return startLine.startsWith("SIP/2.0 ") ? Integer.parseInt(startLine.substring(8, 11)) : -1;
        }

        boolean isRequest(String method) {
            return startLine.startsWith(method + " ");
        }

        /** A response to this request, copying what RFC 3261 §8.2.6.2 says to copy. */
        String response(int status, String reason, String toTag, String extraHeaders, String body) {
            StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
            for (String via : all("Via")) {
                b.append("Via: ").append(via).append("\r\n");
            }
            String to = header("To");
            if (toTag != null && !to.contains(";tag=")) {
                to += ";tag=" + toTag;
            }
            b.append("From: ").append(header("From")).append("\r\nTo: ").append(to).append("\r\nCall-ID: ")
                    .append(header("Call-ID")).append("\r\nCSeq: ").append(header("CSeq")).append("\r\n")
                    .append(extraHeaders);
            return finish(b, body);
        }
    }

    final String user;
    private final String password;
    private final Socket socket;
    final InputStream in;
    final OutputStream out;
    private final String transport;
    private int cseq = 1;
    private boolean sips;
    private String contact;
    /** Display name for From, or null: sent as UTF-8 in a quoted string. */
    private String display;

    StreamPhone(String user, String password, Socket socket, String transport) throws IOException {
        this.user = user;
        this.password = password;
        this.socket = socket;
        this.transport = transport;
        socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    String local() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    String server() {
        return "127.0.0.1:" + socket.getPort();
    }

    /** {@code <sip:user@ip:port;transport=tls>}, or with {@link #useSips} {@code <sips:user@ip:port>}. */
    String contact() {
        if (contact != null) {
            return contact;
        }
        return sips ? "<sips:" + user + "@" + local() + ">"
                : "<sip:" + user + "@" + local() + ";transport=" + transport.toLowerCase(Locale.ROOT) + ">";
    }

    /** Registers this Contact instead of the connection's own address (a phone listening elsewhere). */
    StreamPhone contact(String uri) {
        contact = uri;
        return this;
    }

    StreamPhone display(String name) {
        display = name;
        return this;
    }

    private String fromName() {
        return display == null ? "" : "\"" + display + "\" ";
    }

    /** The REGISTER that answers {@code challenge}, its digest uri {@code digestUri} (the Request-URI if null). */
    String authorizedRegister(String callId, int expires, Msg challenge, String digestUri) {
        return registerText(callId, expires, authorization(challenge.header("WWW-Authenticate"), "REGISTER",
                digestUri != null ? digestUri : "sip:" + server()));
    }

    /** An unauthenticated REGISTER (the first of a pair). */
    String plainRegister(String callId, int expires) {
        return registerText(callId, expires, null);
    }

    StreamPhone useSips() {
        sips = true;
        return this;
    }

    String via() {
        return "SIP/2.0/" + transport + " " + local() + ";rport;branch=z9hG4bK" + Long.toHexString(System.nanoTime());
    }

    void send(String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message; skips nothing. */
    Msg read() throws IOException {
        return readFrom(in);
    }

    /** One message framed by Content-Length from a stream (CRLF keep-alives before it skipped). */
    static Msg readFrom(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (head.size() == 0 && (c == '\r' || c == '\n')) {
                continue; // keep-alive CRLFs
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        Msg headOnly = new Msg(lines[0], headers, "");
        String length = headOnly.header("Content-Length") != null ? headOnly.header("Content-Length")
                : headOnly.header("l");
        int n = length == null ? 0 : Integer.parseInt(length.trim());
        byte[] body = in.readNBytes(n);
        return new Msg(lines[0], headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads until a message matches (provisional responses and the like are skipped). */
    Msg readUntil(Predicate<Msg> wanted) throws IOException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            Msg m = read();
            if (wanted.test(m)) {
                return m;
            }
        }
        throw new SocketTimeoutException("no matching message");
    }

    /** REGISTER, answering the digest challenge; returns the final status. */
    int register(int expires) throws IOException {
        String callId = "reg-" + user + "-" + socket.getLocalPort();
        String request = registerText(callId, expires, null);
        send(request);
        Msg r = readUntil(m -> m.status() >= 200);
        if (r.status() == 401) {
            send(registerText(callId, expires, authorization(r.header("WWW-Authenticate"), "REGISTER",
                    "sip:" + server())));
            r = readUntil(m -> m.status() >= 200);
        }
        return r.status();
    }

    private String registerText(String callId, int expires, String authorization) {
        StringBuilder b = new StringBuilder("REGISTER sip:" + server() + " SIP/2.0\r\n");
        b.append("Via: ").append(via()).append("\r\nMax-Forwards: 70\r\nFrom: ").append(fromName()).append("<sip:")
                .append(user).append('@').append(server()).append(">;tag=r").append(user).append("\r\nTo: <sip:").append(user).append('@')
                .append(server()).append(">\r\nCall-ID: ").append(callId).append("\r\nCSeq: ").append(cseq++)
                .append(" REGISTER\r\nContact: ").append(contact()).append("\r\nExpires: ").append(expires)
                .append("\r\n");
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        return finish(b, "");
    }

    /** REGISTER without credentials: the server's challenge (its WWW-Authenticate value). */
    String challenge(int expires) throws IOException {
        send(registerText("nonce-" + user + "-" + socket.getLocalPort(), expires, null));
        Msg r = readUntil(m -> m.status() >= 200);
        if (r.status() != 401) {
            throw new IOException("expected 401, got " + r.startLine());
        }
        return r.header("WWW-Authenticate");
    }

    /** REGISTER answering an earlier {@code challenge} with nonce-count {@code nc}: the final response. */
    Msg registerAnswering(String challenge, int nc, int expires) throws IOException {
        send(registerText("nonce-" + user + "-" + socket.getLocalPort(), expires,
                authorization(challenge, "REGISTER", "sip:" + server(), nc)));
        return readUntil(m -> m.status() >= 200);
    }

    private String authorization(String challenge, String method, String uri) {
        return authorization(challenge, method, uri, 1);
    }

    private String authorization(String challenge, String method, String uri, int nc) {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String opaque = param(challenge, "opaque");
        String cnonce = "c" + Long.toHexString(System.nanoTime());
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String count = String.format("%08x", nc);
        String response = md5(ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + count + ", cnonce=\"" + cnonce + "\""
                + (opaque != null ? ", opaque=\"" + opaque + "\"" : "");
    }

    /** An INVITE to a user or extension, with an SDP offer. */
    String invite(String target, String callId) throws IOException {
        String sdp = "v=0\r\no=" + user + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        StringBuilder b = new StringBuilder("INVITE sip:" + target + "@" + server() + ";transport=tls SIP/2.0\r\n");
        b.append("Via: ").append(via()).append("\r\nMax-Forwards: 70\r\nFrom: ").append(fromName()).append("<sip:")
                .append(user).append('@').append(server()).append(">;tag=i").append(user).append("\r\nTo: <sip:").append(target).append('@')
                .append(server()).append(">\r\nCall-ID: ").append(callId).append("\r\nCSeq: 1 INVITE\r\nContact: ")
                .append(contact()).append("\r\nContent-Type: application/sdp\r\n");
        send(finish(b, sdp));
        return callId;
    }

    /** An in-dialog request (ACK or BYE) from the caller, toward the Contact of the 200. */
    void inDialog(String method, Msg ok, int number) throws IOException {
        String target = ok.header("Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        StringBuilder b = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
        b.append("Via: ").append(via()).append("\r\nMax-Forwards: 70\r\nFrom: ").append(ok.header("From"))
                .append("\r\nTo: ").append(ok.header("To")).append("\r\nCall-ID: ").append(ok.header("Call-ID"))
                .append("\r\nCSeq: ").append(number).append(' ').append(method).append("\r\nContact: ")
                .append(contact()).append("\r\n");
        send(finish(b, ""));
    }

    static String finish(StringBuilder head, String body) {
        return head.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    /** A parameter of a challenge header value, quoted or not; null when it has none. */
    static String param(String header, String name) {
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        return null;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
