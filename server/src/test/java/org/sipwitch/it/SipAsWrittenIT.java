package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 from the outside, against one real daemon started by {@code scripts/sipwitch}:
 * raw UDP and TCP on 127.0.0.x see the answers of SIP as the world writes it (UTF-8
 * display names, the RFC 4475 corner cases, a pipelined REGISTER, a digest uri for
 * another URI), per-source connection limits and the head deadline, and blocking that
 * locks one user at an office address but blocks a scanner, lifted by
 * {@code sipwitchctl unblock}. Each test uses its own 127.0.0.x source where the
 * per-source state could mix.
 */
class SipAsWrittenIT {
    private static final String JUERGEN = "J\u00fcrgen M\u00fcller";
    private static final String LI = "\u674e\u5c0f\u9f99";

    @TempDir
    static Path work;
    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start(new TestConfig()
                .user("juergen", "201", JUERGEN, "juergen-secret")
                .user("li", "202", LI, "li-secret")
                .user("alice", "203", "alice-secret")
                .user("bob", "204", "bob-secret")
                .user("250", "250", "two-fifty-secret") // id == extension: one name, not a duplicate
                .access("<trusted>127.0.0.1/32</trusted>")
                .section("<security><auth-failures>3</auth-failures><connections-per-source>4"
                        + "</connections-per-source><head-timeout>2</head-timeout></security>\n")
                .write(work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static StreamPhone phone(String user, String secret, String from) throws IOException {
        return new StreamPhone(user, secret, connect(from), "TCP");
    }

    private static Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(daemon.address("tcp"), 3000);
        return s;
    }

    /** One datagram from 127.0.0.1 (trusted: never rate-limited), its answer as text. */
    private static String udp(String request) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return exchange(s, request, 3000);
        }
    }

    private static String exchange(DatagramSocket s, String request, int timeoutMillis) throws IOException {
        byte[] bytes = request.replace("@PORT@", Integer.toString(s.getLocalPort()))
                .getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(bytes, bytes.length, daemon.address("udp")));
        s.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException silence) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static String options(String requestUri, String extra) {
        return "OPTIONS " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@PORT@;branch=z9hG4bK" + System.nanoTime() + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: opt-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    private static String statusLine(String response) {
        assertThat(response).as("an answer").isNotNull();
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void utf8DisplayNamesRegisterCallAndShowInRegistryAndCalls() throws Exception {
        try (StreamPhone juergen = phone("juergen", "juergen-secret", "127.0.0.1").display(JUERGEN);
             StreamPhone li = phone("li", "li-secret", "127.0.0.1").display(LI)) {
            assertThat(juergen.register(600)).isEqualTo(200);
            assertThat(li.register(600)).isEqualTo(200);
            Tools.Result registry = Tools.sipwitchctl(daemon, "registry");
            assertThat(registry.status()).isZero();
            assertThat(registry.out()).contains(JUERGEN).contains(LI);

            juergen.invite("202", "utf8-call-1");
            StreamPhone.Msg invite = li.readUntil(m -> m.isRequest("INVITE"));
            assertThat(invite.header("From")).contains("\"" + JUERGEN + "\""); // the caller's name on the new leg
            assertThat(invite.header("To")).contains("\"" + LI + "\""); // and the callee's, as provisioned
            String answer = "v=0\r\no=li 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4002 RTP/AVP 0\r\n";
            li.send(invite.response(200, "OK", "litag", "Contact: " + li.contact()
                    + "\r\nContent-Type: application/sdp\r\n", answer));
            StreamPhone.Msg ok = juergen.readUntil(m -> m.status() >= 200);
            assertThat(ok.status()).isEqualTo(200);
            juergen.inDialog("ACK", ok, 1);
            li.readUntil(m -> m.isRequest("ACK"));
            assertThat(Tools.sipwitchctl(daemon, "calls").out()).contains(JUERGEN);

            juergen.inDialog("BYE", ok, 2);
            StreamPhone.Msg bye = li.readUntil(m -> m.isRequest("BYE"));
            li.send(bye.response(200, "OK", null, "", ""));
            assertThat(juergen.readUntil(m -> m.status() >= 200).status()).isEqualTo(200);
        }
        // a UTF-8 reason phrase and quoted-pairs in a display name are fine too
        assertThat(statusLine(udp(options("sip:127.0.0.1", "Subject: Gr\u00fc\u00dfe \"aus\" K\u00f6ln\r\n"
                + "Contact: \"\\\"Q\\\" \\\\ \u674e\" <sip:probe@127.0.0.1>\r\n")))).isEqualTo("SIP/2.0 200 OK");
    }

    @Test
    void sippWithAUtf8DisplayNameRegistersOverUdp() throws Exception {
        Sipp.assumeAvailable();
        try (DatagramSocket contact = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Sipp.Result r = Sipp.register(daemon, work, "register-utf8.xml", "li", "li-secret", contact.getLocalPort());
            assertThat(r.passed()).as(r.output()).isTrue();
        }
        assertThat(Tools.sipwitchctl(daemon, "registry").out()).containsPattern("202 +li +" + LI);
    }

    @Test
    void theRfc4475CornerCasesGetTheirCodes() throws Exception {
        assertThat(statusLine(udp(options("nobodyKnowsThisScheme:totallyopaquecontent", ""))))
                .isEqualTo("SIP/2.0 416 Unsupported URI Scheme");
        String required = udp(options("sip:127.0.0.1", "Require: nothingAnyoneKnows, path\r\n"));
        assertThat(statusLine(required)).isEqualTo("SIP/2.0 420 Bad Extension");
        assertThat(required).contains("Unsupported: nothingAnyoneKnows\r\n");
        String register = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@PORT@;branch=z9hG4bKpr1;rport\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=r1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: pr-1\r\n"
                + "CSeq: 1 REGISTER\r\nProxy-Require: noProxyFeature\r\nContact: <sip:alice@127.0.0.1:@PORT@>\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(udp(register)).startsWith("SIP/2.0 420 Bad Extension\r\n").contains("Unsupported: noProxyFeature");

        String twoCseq = options("sip:127.0.0.1", "CSeq: 2 OPTIONS\r\n");
        String bad = udp(twoCseq);
        assertThat(statusLine(bad)).isEqualTo("SIP/2.0 400 Bad Request (Duplicate CSeq)");
        // a 400 carries what could be read (RFC 3261 §8.2.6.2)
        assertThat(bad).contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:").contains("\r\nFrom: <sip:probe@127.0.0.1>;tag=p1")
                .contains("\r\nTo: <sip:127.0.0.1>;tag=").contains("\r\nCall-ID: opt-").contains("\r\nCSeq: 1 OPTIONS");
        assertThat(statusLine(udp(options("sip:127.0.0.1", "Max-Forwards: 69\r\n"))))
                .isEqualTo("SIP/2.0 400 Bad Request (Duplicate Max-Forwards)");

        // unreserved and escaped characters of a user part (RFC 3261 §25.1 user-unreserved)
        assertThat(statusLine(udp(options("sip:a~b?x/y%41@127.0.0.1", "")))).isEqualTo("SIP/2.0 200 OK");
        assertThat(statusLine(udp(options("sip:127.0.0.1", "").replace(" SIP/2.0\r\n", " SIP/7.0\r\n"))))
                .isEqualTo("SIP/2.0 505 Version Not Supported");
    }

    @Test
    void aRequestFollowedByUnframableBytesIsAnsweredBeforeTheClose() throws Exception {
        try (StreamPhone alice = phone("alice", "alice-secret", "127.0.0.1")) {
            alice.send(alice.plainRegister("pipelined-1", 600));
            StreamPhone.Msg challenge = alice.readUntil(m -> m.status() >= 200);
            assertThat(challenge.status()).isEqualTo(401);
            // the authenticated REGISTER and garbage in one write: one read on the server
            alice.send(alice.authorizedRegister("pipelined-1", 600, challenge, null) + "C\r\n\r\n");
            StreamPhone.Msg ok = alice.readUntil(m -> m.status() >= 200);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(String.join(", ", ok.all("Contact"))).contains(alice.local());
            assertThat(readsToEnd(alice)).isTrue(); // and then the connection is closed
        }
    }

    private static boolean readsToEnd(StreamPhone phone) {
        try {
            while (true) {
                phone.read();
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException closed) {
            return true;
        }
    }

    @Test
    void aDigestUriForAnotherUriIsA400() throws Exception {
        try (StreamPhone alice = phone("alice", "alice-secret", "127.0.0.7")) {
            alice.send(alice.plainRegister("wrong-uri-1", 600));
            StreamPhone.Msg challenge = alice.readUntil(m -> m.status() >= 200);
            assertThat(challenge.status()).isEqualTo(401);
            alice.send(alice.authorizedRegister("wrong-uri-1", 600, challenge, "sip:elsewhere.example.net"));
            StreamPhone.Msg r = alice.readUntil(m -> m.status() >= 200);
            assertThat(r.startLine()).isEqualTo("SIP/2.0 400 Bad Request (digest uri does not match Request-URI)");
        }
    }

    @Test
    void oneSourceCannotTakeEveryConnectionAndASlowHeadIsClosed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(connect("127.0.0.4"));
            }
            // each held connection proves it is served: a CRLF CRLF ping gets its pong
            for (Socket s : held) {
                s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(3000);
                assertThat(s.getInputStream().read()).isEqualTo('\r');
                assertThat(s.getInputStream().read()).isEqualTo('\n');
            }
            for (int i = 0; i < 2; i++) {
                try (Socket fifth = connect("127.0.0.4")) {
                    assertThat(closedByServer(fifth, 3000)).as("connection over the per-source limit").isTrue();
                }
            }
            try (StreamPhone other = phone("bob", "bob-secret", "127.0.0.5")) {
                assertThat(other.register(60)).isEqualTo(200); // another source still connects
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        String policy = Tools.sipwitchctl(daemon, "policy").out();
        assertThat(policy).contains("connections-refused-per-source 2");
        assertThat(String.join("\n", daemon.stderr()))
                .containsOnlyOnce("refusing TCP/TLS connections: source 127.0.0.4 holds 4 connections");

        try (Socket slow = connect("127.0.0.6")) {
            long start = System.nanoTime();
            slow.getOutputStream().write("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP".getBytes(
                    StandardCharsets.US_ASCII));
            assertThat(closedByServer(slow, 10_000)).as("a head that never completes").isTrue();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(seconds).isBetween(1L, 8L); // <head-timeout>2</head-timeout>
        }
        assertThat(Tools.sipwitchctl(daemon, "policy").out()).containsPattern("head-timeouts [1-9]");
    }

    /** True when the server closes (or resets) the connection within the time, before sending anything. */
    private static boolean closedByServer(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void wrongPasswordsLockOneUserAtAnOfficeButAScannerIsBlockedUntilUnblock() throws Exception {
        String office = "127.0.0.3";
        try (StreamPhone bob = phone("bob", "not-bobs-password", office)) {
            for (int i = 0; i < 3; i++) {
                assertThat(bob.register(60)).isEqualTo(401);
            }
            // the phone now gets a final answer it shows, not another challenge
            assertThat(bob.register(60)).isEqualTo(403);
        }
        try (StreamPhone alice = phone("alice", "alice-secret", office)) {
            assertThat(alice.register(60)).isEqualTo(200); // the rest of the office goes on
        }
        Tools.Result policy = Tools.sipwitchctl(daemon, "policy");
        assertThat(policy.out()).containsPattern("locked +127\\.0\\.0\\.3 user bob since \\S+ until \\S+")
                .doesNotContainPattern("blocked +127\\.0\\.0\\.3");

        // scanner behaviour: wrong passwords for two more names from the same address
        for (String name : List.of("li", "nosuchuser")) {
            try (StreamPhone scanner = phone(name, "guess", office)) {
                assertThat(scanner.register(60)).isEqualTo(401);
            }
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(office, 0))) {
            assertThat(exchange(s, options("sip:127.0.0.1", ""), 1500)).as("a blocked source is dropped").isNull();
            assertThat(Tools.sipwitchctl(daemon, "policy").out())
                    .containsPattern("blocked +127\\.0\\.0\\.3 since \\S+ until \\S+");

            Tools.Result unblock = Tools.sipwitchctl(daemon, "unblock", "127.0.0.0/24");
            assertThat(unblock.status()).as(unblock.toString()).isZero();
            assertThat(unblock.out()).contains("lifted 2 block(s) in 127.0.0.0/24");
            assertThat(statusLine(exchange(s, options("sip:127.0.0.1", ""), 3000))).isEqualTo("SIP/2.0 200 OK");
        }
        assertThat(Tools.sipwitchctl(daemon, "policy").out()).doesNotContain("127.0.0.3 since");
        Tools.Result nothing = Tools.sipwitchctl(daemon, "unblock", "127.0.0.3");
        assertThat(nothing.status()).as(nothing.toString()).isEqualTo(20);
        assertThat(nothing.err()).contains("nothing is blocked in 127.0.0.3");
        Tools.Result bad = Tools.sipwitchctl(daemon, "unblock", "example.com");
        assertThat(bad.status()).as(bad.toString()).isNotZero().isNotEqualTo(20);
        assertThat(bad.err()).contains("unblock takes an IP address or address/prefix");
        try (StreamPhone bob = phone("bob", "bob-secret", office)) {
            assertThat(bob.register(60)).isEqualTo(200); // lifted: bob with the right password is in
        }
    }

    /**
     * A 401 to a REGISTER without credentials is not kept (RFC 3261 §8.2.7, stateless
     * challenge): the same datagram again gets a fresh challenge. A 401 to wrong
     * credentials is kept and resent as it was, and the failure counts once however often
     * the phone retransmits: three sends of one request do not lock a user that three
     * failures lock.
     */
    @Test
    void aRetransmittedChallengeIsFreshButAWrongPasswordIsCountedOnce() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.6", 0))) {
            String anonymous = register("juergen", "z9hG4bKanon6", "anon-6", 1, "");
            String first = exchange(s, anonymous, 3000);
            String again = exchange(s, anonymous, 3000);
            assertThat(statusLine(first)).isEqualTo("SIP/2.0 401 Unauthorized");
            assertThat(statusLine(again)).isEqualTo("SIP/2.0 401 Unauthorized");
            assertThat(param(again, "nonce")).as("a fresh challenge").isNotEqualTo(param(first, "nonce"));

            String wrong = register("juergen", "z9hG4bKwrong6", "anon-6", 2,
                    "Authorization: Digest username=\"juergen\", realm=\"" + param(again, "realm")
                            + "\", nonce=\"" + param(again, "nonce") + "\", uri=\"sip:127.0.0.1\", "
                            + "response=\"00000000000000000000000000000000\", algorithm=MD5\r\n");
            String rejected = exchange(s, wrong, 3000);
            assertThat(statusLine(rejected)).isEqualTo("SIP/2.0 401 Unauthorized");
            for (int i = 0; i < 3; i++) {
                assertThat(exchange(s, wrong, 3000)).as("resent as it was").isEqualTo(rejected);
            }
        }
        assertThat(Tools.sipwitchctl(daemon, "policy").out()).doesNotContain("127.0.0.6");
    }

    private static String register(String user, String branch, String callId, int cseq, String extra) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.6:@PORT@;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=r6\r\nTo: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.6:@PORT@>\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    /** A parameter of the WWW-Authenticate header of a response, parsed as the test phones parse it. */
    private static String param(String response, String name) throws IOException {
        String challenge = StreamPhone.readFrom(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)))
                .header("WWW-Authenticate");
        String value = challenge == null ? null : StreamPhone.param(challenge, name);
        assertThat(value).as(name + " in " + response).isNotNull();
        return value;
    }

    @Test
    void aUserWhoseIdIsItsExtensionRegisters() throws Exception {
        try (StreamPhone thousand = phone("250", "two-fifty-secret", "127.0.0.1")) {
            assertThat(thousand.register(60)).isEqualTo(200);
        }
        assertThat(Tools.sipwitchctl(daemon, "registry").out()).contains("250");
    }
}
