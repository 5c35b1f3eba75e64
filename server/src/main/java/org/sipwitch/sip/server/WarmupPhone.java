package org.sipwitch.sip.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.digest.DigestComputer;
import org.sipwitch.sip.net.Transport;

/**
 * One warm-up client, as plain as a phone can be: a caller socket that registers in
 * bursts (each 401 answered) and, after each burst, makes a few calls through the server
 * (407 answered, 200, ACK, BYE) to its own callee socket, which answers what the server
 * sends it. Both sockets use one transport (UDP, TCP or TLS, see {@link WarmupWire}).
 * Only what the server's REGISTER and call paths need is written; anything
 * unexpected or late ends that flow as failed and the next one starts.
 */
final class WarmupPhone implements Runnable {
    /**
     * REGISTER flows sent together, as phones re-registering at once do: the server meets
     * queued work and batched reads, the branches a load takes, not one request at a time.
     */
    static final int BURST = 32;
    /** Calls after each burst: REGISTER, the avalanche's request, stays the most compiled. */
    static final int CALLS_PER_BURST = 4;
    /**
     * Flows after which a TCP or TLS phone stops. What only streams run (framing, the TLS
     * records) is compiled well before that; the rest is the code UDP runs too, and most
     * phones use UDP: with all phones going to the end, a fresh daemon's first UDP load saw
     * p50 76–216 ms instead of 20–60 (docs/benchmarks.md).
     */
    static final int STREAM_FLOWS = 4_096;
    /**
     * Users a phone registers in turn, a burst each: an avalanche registers many users, so
     * the warm-up's registry grows from empty as the daemon's does after a restart.
     */
    static final int USERS_PER_PHONE = 48;
    static final String REALM = "warmup.invalid";
    private static final int MAX_FAILED = 20;
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final InetSocketAddress server;
    private final Transport transport;
    private final SSLContext tls;
    private final DigestAlgorithm algorithm;
    private final int index;
    private final int most;
    private final String user;
    private final String calleeName;
    private final AtomicBoolean stop;
    private volatile int registers;
    private volatile int calls;
    private volatile int failed;
    private volatile String broken;

    /**
     * Phone number {@code index} to {@code server} over {@code transport}, for at most
     * {@code most} flows; {@code tls} is the client side of TLS (null otherwise).
     */
    WarmupPhone(InetSocketAddress server, Transport transport, SSLContext tls, DigestAlgorithm algorithm, int index,
                int most, AtomicBoolean stop) {
        this.server = server;
        this.transport = transport;
        this.tls = tls;
        this.algorithm = algorithm;
        this.index = index;
        this.most = most;
        this.user = caller(index);
        this.calleeName = callee(index);
        this.stop = stop;
    }

    static String caller(int index) {
        return "w" + index;
    }

    static String callee(int index) {
        return "wc" + index;
    }

    /** The users phone number {@code index} registers (its callee first) and calls from. */
    static List<String> users(int index) {
        List<String> out = new ArrayList<>(USERS_PER_PHONE + 1);
        out.add(callee(index));
        out.add(caller(index));
        for (int k = 1; k < USERS_PER_PHONE; k++) {
            out.add(caller(index) + "u" + k);
        }
        return out;
    }

    static String password(String user) {
        return "warm-" + user;
    }

    int registers() {
        return registers;
    }

    int calls() {
        return calls;
    }

    int failed() {
        return failed;
    }

    Transport transport() {
        return transport;
    }

    int index() {
        return index;
    }

    /** Why this phone stopped early (its socket failed), or null. */
    String broken() {
        return broken;
    }

    @Override
    public void run() {
        try (WarmupWire phone = WarmupWire.open(transport, server, tls);
             WarmupWire answering = WarmupWire.open(transport, server, tls)) {
            boolean canCall = register(answering, calleeName, 0, 1) == 1;
            List<String> aors = users(index).subList(1, USERS_PER_PHONE + 1);
            for (int n = 0; !stop.get() && registers + calls < most; n += BURST) {
                int lost = BURST - register(phone, aors.get(n / BURST % aors.size()), n, BURST);
                for (int c = 0; canCall && c < CALLS_PER_BURST; c++) {
                    lost += call(phone, answering, n + c) ? 0 : 1;
                }
                failed += lost;
                if (failed > MAX_FAILED) {
                    stop.set(true); // the server does not answer as it should: give up, the daemon starts anyway
                }
            }
        } catch (IOException | RuntimeException e) {
            broken = e.toString();
            failed++; // a socket that failed: no more warm-up from this client, the rest go on
        }
    }

    /**
     * {@code count} flows of REGISTER → 401 → REGISTER with credentials → 200 for
     * {@code name} at once from one socket; how many ended in 200.
     */
    private int register(WarmupWire socket, String name, int first, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String callId = name + "-" + (first + i);
            socket.send(new Request("REGISTER", "sip:" + REALM, socket, name, name, callId, 1).text(null, null));
        }
        int done = 0;
        for (int answers = 0; answers < 2 * count; answers++) {
            String r = receive(socket, "SIP/2.0 ");
            if (r == null) {
                break;
            }
            if (r.startsWith("SIP/2.0 401")) {
                String callId = header(r, "Call-ID");
                callId = callId.substring(callId.indexOf(':') + 1).trim();
                Request second = new Request("REGISTER", "sip:" + REALM, socket, name, name, callId, 2);
                socket.send(second.text(authorization("Authorization", name, "REGISTER", second.uri, r), null));
            } else if (r.startsWith("SIP/2.0 200") && ++done == count) {
                break;
            }
        }
        registers += done;
        return done;
    }

    /** INVITE → 407 → ACK, INVITE with credentials → (callee answers) 200 → ACK → BYE → 200. */
    private boolean call(WarmupWire phone, WarmupWire answering, int n) throws IOException {
        String callId = user + "-call-" + n;
        Request invite = new Request("INVITE", "sip:" + calleeName + "@" + REALM, phone, user, calleeName, callId, 1);
        String challenge = exchange(phone, invite.text(null, SDP));
        if (challenge == null || !challenge.startsWith("SIP/2.0 407")) {
            return false;
        }
        phone.send(invite.ack(header(challenge, "To")));
        Request again = new Request("INVITE", invite.uri, phone, user, calleeName, callId, 2);
        phone.send(again.text(authorization("Proxy-Authorization", user, "INVITE", again.uri, challenge), SDP));
        String leg = receive(answering, "INVITE ");
        if (leg == null) {
            return false;
        }
        answering.send(answer(leg, 200, "OK", SDP, contact(calleeName, answering)));
        String ok = receive(phone, "SIP/2.0 2");
        if (ok == null) {
            return false;
        }
        String to = header(ok, "To");
        String contact = contactUri(ok, again.uri);
        phone.send(again.next("ACK", contact, to, 2));
        phone.send(again.next("BYE", contact, to, 3));
        String bye = receive(answering, "BYE ");
        if (bye == null) {
            return false;
        }
        answering.send(answer(bye, 200, "OK", null, contact(calleeName, answering)));
        String done = receive(phone, "SIP/2.0 200");
        if (done != null) {
            calls++;
        }
        return done != null;
    }

    /** The credentials a phone computes for the challenge, with the server's own digest code (DigestComputer). */
    private String authorization(String header, String name, String method, String uri, String challenge) {
        String nonce = param(challenge, "nonce");
        String opaque = param(challenge, "opaque");
        String ha1 = algorithm.ha1(name, REALM, password(name).toCharArray());
        String cnonce = Integer.toHexString(System.identityHashCode(challenge));
        byte[] hex = DigestComputer.forThread().response(algorithm, ha1, method, uri, nonce, "00000001", cnonce, "auth");
        String response = new String(hex, 0, algorithm.hexLength(), StandardCharsets.US_ASCII);
        return header + ": Digest username=\"" + name + "\", realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", cnonce=\"" + cnonce + "\", qop=auth, nc=00000001"
                + (opaque == null ? "" : ", opaque=\"" + opaque + "\"") + "\r\n";
    }

    /** The Contact header line of {@code user} at that socket, with its transport unless UDP. */
    private static String contact(String user, WarmupWire socket) {
        String transport = socket.transport() == Transport.UDP ? "" : ";transport=" + socket.transport().uriParam();
        return "Contact: <sip:" + user + "@" + socket.local() + transport + ">\r\n";
    }

    /** A UAS's answer to a request the server sent: its Vias, From, To (tagged), Call-ID and CSeq. */
    private static String answer(String request, int status, String reason, String sdp, String contact) {
        StringBuilder b = new StringBuilder(512).append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String line : lines(request)) {
            String name = name(line);
            if (name.equals("via") || name.equals("v") || name.equals("record-route") || name.equals("from")
                    || name.equals("f") || name.equals("call-id") || name.equals("i") || name.equals("cseq")) {
                b.append(line).append("\r\n");
            } else if (name.equals("to") || name.equals("t")) {
                b.append(line).append(line.contains(";tag=") ? "" : ";tag=wa").append("\r\n");
            }
        }
        b.append(contact);
        body(b, sdp);
        return b.toString();
    }

    private static void body(StringBuilder b, String sdp) {
        if (sdp == null) {
            b.append("Content-Length: 0\r\n\r\n");
        } else {
            b.append("Content-Type: application/sdp\r\nContent-Length: ").append(sdp.length()).append("\r\n\r\n")
                    .append(sdp);
        }
    }

    /** The request of one dialog-forming exchange from a socket; {@link #next} for ACK and BYE in its dialog. */
    private final class Request {
        final String method;
        final String uri;
        final String local;
        final String via;
        final String contact;
        final String from;
        final String to;
        final String callId;
        final int cseq;
        final String branch;

        Request(String method, String uri, WarmupWire socket, String from, String to, String callId, int cseq) {
            this.method = method;
            this.uri = uri;
            this.local = socket.local();
            this.via = socket.transport().token();
            this.contact = contact(from, socket);
            this.from = from;
            this.to = to;
            this.callId = callId;
            this.cseq = cseq;
            this.branch = "z9hG4bK-" + callId + "-" + cseq + "-" + method.charAt(0);
        }

        String text(String authorization, String sdp) {
            return head(method, uri, branch, "To: <sip:" + to + "@" + REALM + ">", cseq, method)
                    + (authorization == null ? "" : authorization)
                    + (method.equals("REGISTER") ? "Expires: 3600\r\n" : "") + withBody(sdp);
        }

        /** The ACK of a non-2xx final answer: same branch and CSeq number (RFC 3261 §17.1.1.3). */
        String ack(String toLine) {
            return head("ACK", uri, branch, toLine, cseq, "ACK") + withBody(null);
        }

        /** A request inside the dialog the 2xx made, sent to the server as the caller's only hop. */
        String next(String next, String target, String toLine, int number) {
            return head(next, target, "z9hG4bK-" + callId + "-" + number + "-" + next, toLine, number, next) + withBody(null);
        }

        private String head(String m, String target, String viaBranch, String toLine, int number, String cseqMethod) {
            return m + " " + target + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/" + via + " " + local + ";branch=" + viaBranch + rport() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + from + "@" + REALM + ">;tag=" + Integer.toHexString(callId.hashCode()) + "\r\n"
                    + toLine + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + number + " " + cseqMethod + "\r\n"
                    + contact
                    + "User-Agent: sipwitch warm-up\r\n";
        }

        /** Many phones ask for {@code rport} (RFC 3581), many do not: half the flows each way. */
        private String rport() {
            return (callId.hashCode() & 1) == 0 ? ";rport" : "";
        }

        private String withBody(String sdp) {
            StringBuilder b = new StringBuilder();
            body(b, sdp);
            return b.toString();
        }
    }

    private static String exchange(WarmupWire socket, String request) throws IOException {
        socket.send(request);
        return receive(socket, "SIP/2.0 ");
    }

    /** The next final answer (skipping 1xx) or request starting with {@code start}; null after the timeout. */
    private static String receive(WarmupWire socket, String start) throws IOException {
        while (true) {
            String text = socket.receive();
            if (text == null || text.startsWith(start) && !text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
    }

    private static List<String> lines(String message) {
        int end = message.indexOf("\r\n\r\n");
        String head = end < 0 ? message : message.substring(0, end);
        // indexOf, not split("\r\n"): a two-character split compiles a regex per call, and
        // C2 would spend on the phones' regex what it should spend on the server
        List<String> out = new ArrayList<>();
        for (int from = 0; from <= head.length(); ) {
            int eol = head.indexOf("\r\n", from);
            int to = eol < 0 ? head.length() : eol;
            out.add(head.substring(from, to));
            from = to + 2;
        }
        return out.subList(1, out.size());
    }

    private static String name(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }

    /** The first header line of that (long) name, as received. */
    private static String header(String message, String wanted) {
        for (String line : lines(message)) {
            if (name(line).equals(wanted.toLowerCase(Locale.ROOT))) {
                return line;
            }
        }
        return wanted + ": <sip:" + REALM + ">";
    }

    /** The URI of a message's Contact (the remote target of the dialog a 2xx makes), or {@code otherwise}. */
    private static String contactUri(String message, String otherwise) {
        String line = header(message, "Contact");
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? otherwise : line.substring(open + 1, close);
    }

    private static String param(String message, String name) {
        int from = message.indexOf(name + "=\"");
        if (from < 0) {
            return null;
        }
        from += name.length() + 2;
        int to = message.indexOf('"', from);
        return to < 0 ? null : message.substring(from, to);
    }
}
