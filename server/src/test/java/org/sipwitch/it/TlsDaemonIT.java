package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS against the real daemon, with a certificate made by keytool at test
 * time: phones register and call over TLS (sips: and transport=tls contacts, reached
 * back over their own connections), while plain TCP, TLS 1.1 and weak cipher suites are
 * refused on the TLS port, and the keystore password appears in no output.
 */
class TlsDaemonIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static SSLContext client;
    static InetSocketAddress tls;
    static Path p12;

    @BeforeAll
    static void start() throws Exception {
        p12 = TestCertificates.serverKeystore(work);
        client = TestCertificates.clientTrusting(p12);
        Path trust = TestCertificates.truststore(p12, work);
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").user("dave", "204", "dave-secret").transports("udp tcp tls")
                .stack(TestCertificates.stackXml(p12, trust)).write(work);
        daemon = DaemonProcess.start(config, work);
        tls = daemon.address("tls");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    StreamPhone phone(String user, String secret) throws IOException {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(tls.getAddress(), tls.getPort());
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        return new StreamPhone(user, secret, s, "TLS");
    }

    @Test
    void listensOnItsOwnPortAndNeverShowsTheKeystorePassword() throws Exception {
        assertThat(daemon.stdout()).anyMatch(l -> l.matches("sipwitch: listening on tls://127\\.0\\.0\\.1:\\d+"));
        assertThat(tls.getPort()).isNotEqualTo(daemon.port("tcp"));
        String dump = Tools.sipwitchctl(daemon, "dump").out();
        assertThat(dump).contains("****").doesNotContain(TestCertificates.PASSWORD);
        assertThat(String.join("\n", daemon.stdout()) + String.join("\n", daemon.stderr()))
                .doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void phonesRegisterAndCallOverTls() throws Exception {
        try (StreamPhone alice = phone("alice", "alice-secret"); StreamPhone bob = phone("bob", "bob-secret").useSips()) {
            assertThat(alice.register(600)).isEqualTo(200);
            assertThat(bob.register(600)).isEqualTo(200);
            assertThat(Tools.sipwitchctl(daemon, "registry").out()).contains("alice").contains("bob");

            alice.invite("202", "tls-call-1");
            StreamPhone.Msg invite = bob.readUntil(m -> m.isRequest("INVITE"));
            assertThat(invite.header("Via")).startsWith("SIP/2.0/TLS");
            assertThat(invite.body()).contains("o=alice");
            String answer = "v=0\r\no=bob 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4002 RTP/AVP 0\r\n";
            bob.send(invite.response(180, "Ringing", "bobtag", "Contact: " + bob.contact() + "\r\n", ""));
            bob.send(invite.response(200, "OK", "bobtag", "Contact: " + bob.contact()
                    + "\r\nContent-Type: application/sdp\r\n", answer));

            StreamPhone.Msg ok = alice.readUntil(m -> m.status() >= 200);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("o=bob");
            alice.inDialog("ACK", ok, 1);
            assertThat(bob.readUntil(m -> m.isRequest("ACK")).startLine()).startsWith("ACK ");

            alice.inDialog("BYE", ok, 2);
            StreamPhone.Msg bye = bob.readUntil(m -> m.isRequest("BYE"));
            bob.send(bye.response(200, "OK", null, "", ""));
            assertThat(alice.readUntil(m -> m.status() >= 200).status()).isEqualTo(200);
        }
    }

    @Test
    void aPhoneWhoseConnectionIsGoneIsCalledOverANewTlsConnectionToItsSipsContact() throws Exception {
        SSLContext phoneServer = TestCertificates.serverContext(p12);
        try (ServerSocket listening = phoneServer.getServerSocketFactory().createServerSocket(0, 5, tls.getAddress())) {
            calledAtItsContact(listening, "carol", "203", "<sips:carol@127.0.0.1:" + listening.getLocalPort() + ">",
                    "TLS");
        }
    }

    @Test
    void aPhoneRegisteredOverTlsWhoseContactSaysTcpIsCalledOverTcpOnceItsConnectionIsGone() throws Exception {
        // as a phone behind a TLS front end (stunnel) that itself listens on plain TCP
        try (ServerSocket listening = new ServerSocket(0, 5, tls.getAddress())) {
            calledAtItsContact(listening, "dave", "204",
                    "<sip:dave@127.0.0.1:" + listening.getLocalPort() + ";transport=tcp>", "TCP");
        }
    }

    /**
     * The phone registers over TLS with {@code contact}, drops that connection, and is
     * called: the INVITE must arrive on a connection the daemon opens to {@code listening}.
     */
    private void calledAtItsContact(ServerSocket listening, String user, String number, String contact,
            String transport) throws Exception {
        listening.setSoTimeout(15_000);
        StreamPhone gone = phone(user, user + "-secret").contact(contact);
        assertThat(gone.register(600)).isEqualTo(200);
        gone.close(); // the registration's connection is gone; the Contact is where the phone listens
        try (StreamPhone alice = phone("alice", "alice-secret")) {
            assertThat(alice.register(600)).isEqualTo(200);
            alice.invite(number, "gone-" + user);
            try (StreamPhone called = new StreamPhone(user, user + "-secret", listening.accept(), transport)) {
                StreamPhone.Msg invite = called.readUntil(m -> m.isRequest("INVITE"));
                assertThat(invite.header("Via")).startsWith("SIP/2.0/" + transport);
                called.send(invite.response(486, "Busy Here", user, "", ""));
                assertThat(called.readUntil(m -> m.isRequest("ACK")).startLine()).startsWith("ACK ");
            }
            assertThat(alice.readUntil(m -> m.status() >= 200).status()).isEqualTo(486);
        }
    }

    @Test
    void plainTcpOnTheTlsPortGetsNoSipAnswer() throws Exception {
        try (Socket s = new Socket(tls.getAddress(), tls.getPort())) {
            s.setSoTimeout(8_000);
            s.getOutputStream().write(("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKx"
                    + "\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\nCall-ID: plain\r\nCSeq: 1 OPTIONS\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] got = readUntilClosed(s.getInputStream());
            assertThat(new String(got, StandardCharsets.ISO_8859_1)).doesNotContain("SIP/2.0");
        }
        assertThat(daemon.isAlive()).isTrue();
    }

    @Test
    void tls11AndWeakCipherSuitesAreRefusedWhileTls12Works() throws Exception {
        String port = "127.0.0.1:" + tls.getPort();
        Openssl ok = openssl("-connect", port, "-tls1_2");
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("TLSv1.2");
        Openssl old = openssl("-connect", port, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(old.status()).as(old.output()).isNotZero();
        Openssl cbc = openssl("-connect", port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertThat(cbc.status()).as(cbc.output()).isNotZero();
        // and the JDK's TLS client cannot be talked into TLS 1.1 with this server either
        assertThatThrownBy(() -> {
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(tls.getAddress(), tls.getPort())) {
                s.setEnabledProtocols(new String[] {"TLSv1.1"});
                s.startHandshake();
            }
        }).isInstanceOf(IOException.class);
    }

    record Openssl(int status, String output) {
    }

    static Openssl openssl(String... args) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/openssl")),
                "openssl is not installed");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-brief"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Openssl(-1, out);
        }
        return new Openssl(p.exitValue(), out);
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // reset by the server: refused just the same
        }
        return got.toByteArray();
    }
}
