package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over WebSocket (RFC 7118) against the real daemon, byte by byte from raw sockets:
 * the upgrade is refused with an HTTP answer saying why (subprotocol, Origin, not an
 * upgrade), broken frames are closed with their RFC 6455 code while the listener goes on
 * serving, a malformed SIP message gets its 400 on a connection that stays usable, a
 * phone registered over WS is called over its own connection and, once that connection
 * is gone, is no longer registered and a call to it gets 480.
 */
class WebSocketDaemonIT {
    static final String ORIGIN = "https://phones.example.org";
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static int ws;
    static InetSocketAddress wss;
    static SSLContext client;

    @BeforeAll
    static void start() throws Exception {
        Path p12 = TestCertificates.serverKeystore(work);
        client = TestCertificates.clientTrusting(p12);
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").transports("udp tcp ws wss")
                .stack("<ws><port>0</port><origin>" + ORIGIN + "</origin></ws><wss><port>0</port></wss>"
                        + TestCertificates.stackXml(p12))
                .write(work);
        daemon = DaemonProcess.start(config, work);
        ws = daemon.port("ws");
        wss = daemon.address("wss");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Socket raw() throws IOException {
        Socket s = new Socket("127.0.0.1", ws);
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void listensOnWsAndWssPortsOfTheirOwn() {
        assertThat(daemon.stdout()).anyMatch(l -> l.matches("sipwitch: listening on ws://127\\.0\\.0\\.1:\\d+"))
                .anyMatch(l -> l.matches("sipwitch: listening on wss://127\\.0\\.0\\.1:\\d+"));
        assertThat(ws).isNotEqualTo(daemon.port("tcp")).isNotEqualTo(wss.getPort());
    }

    @Test
    void anUpgradeWithoutTheSipSubprotocolIsRefusedWith400() throws Exception {
        try (Socket s = raw()) {
            WsFrames.HttpAnswer a = WsFrames.upgrade(s, "Sec-WebSocket-Protocol: chat, superchat");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("Sec-WebSocket-Protocol must offer sip");
            assertThat(s.getInputStream().read()).isEqualTo(-1); // and closed
        }
        try (Socket s = raw()) {
            assertThat(WsFrames.upgrade(s).status()).isEqualTo(400);
        }
    }

    @Test
    void aPageFromAnotherOriginIsRefusedWith403() throws Exception {
        try (Socket s = raw()) {
            WsFrames.HttpAnswer a = WsFrames.upgrade(s, "Origin: https://evil.example", "Sec-WebSocket-Protocol: sip");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body()).contains("Origin https://evil.example is not allowed");
        }
        try (Socket s = raw()) {
            WsFrames.HttpAnswer a = WsFrames.upgrade(s, "Origin: " + ORIGIN, "Sec-WebSocket-Protocol: sip");
            assertThat(a.status()).isEqualTo(101);
            assertThat(a.headers()).containsEntry("sec-websocket-protocol", "sip");
        }
    }

    @Test
    void plainHttpAndGarbageGetAnHttpAnswerNotASilentDrop() throws Exception {
        try (Socket s = raw()) {
            WsFrames.HttpAnswer a = WsFrames.request(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a.status()).isEqualTo(426);
            assertThat(a.headers()).containsEntry("upgrade", "websocket");
        }
        try (Socket s = raw()) {
            assertThat(WsFrames.request(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status())
                    .isEqualTo(405);
        }
        try (Socket s = raw()) {
            assertThat(WsFrames.request(s, "REGISTER sip:x SIP/2.0\r\nVia: x\r\n\r\n").status()).isEqualTo(400);
        }
    }

    @Test
    void anOversizedMessageIsClosedWith1009AndTheListenerServesOn() throws Exception {
        try (WsPhone phone = WsPhone.open("alice", "alice-secret", ws)) {
            byte[] big = new byte[65_536]; // max-message is 65535
            Arrays.fill(big, (byte) 'a');
            WsFrames.send(phone.out, WsFrames.TEXT, big, true);
            WsFrames.Frame close = WsFrames.read(phone.in);
            assertThat(close.opcode()).isEqualTo(WsFrames.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        try (WsPhone again = WsPhone.open("alice", "alice-secret", ws)) {
            assertThat(again.register(60)).isEqualTo(200);
        }
    }

    @Test
    void anUnmaskedOrNonUtf8FrameIsAProtocolErrorClosedWithItsCode() throws Exception {
        try (WsPhone phone = WsPhone.open("bob", "bob-secret", ws)) {
            WsFrames.send(phone.out, WsFrames.TEXT, "OPTIONS".getBytes(StandardCharsets.US_ASCII), false);
            WsFrames.Frame close = WsFrames.read(phone.in);
            assertThat(close.opcode()).isEqualTo(WsFrames.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1002);
        }
        try (WsPhone phone = WsPhone.open("bob", "bob-secret", ws)) {
            WsFrames.send(phone.out, WsFrames.TEXT, new byte[] {'O', (byte) 0xff, (byte) 0xfe}, true);
            assertThat(WsFrames.read(phone.in).closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void aMalformedSipMessageGets400AndTheConnectionStaysUsable() throws Exception {
        try (WsPhone phone = WsPhone.open("bob", "bob-secret", ws)) {
            phone.send("INVITE sip:201@127.0.0.1 SIP/2.0\r\nVia: " + phone.via()
                    + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"); // no From, To, Call-ID
            StreamPhone.Msg answer = phone.read();
            assertThat(answer.status()).isEqualTo(400);
            WsFrames.sendText(phone.out, "\r\n\r\n"); // RFC 5626 ping
            assertThat(WsFrames.readData(phone.in).text()).isEqualTo("\r\n");
            WsFrames.send(phone.out, WsFrames.PING, "hi".getBytes(StandardCharsets.US_ASCII), true);
            WsFrames.Frame pong = WsFrames.read(phone.in);
            assertThat(pong.opcode()).isEqualTo(WsFrames.PONG);
            assertThat(pong.text()).isEqualTo("hi");
            assertThat(phone.register(60)).isEqualTo(200);
        }
    }

    @Test
    void aWsPhoneIsCalledOverItsConnectionAndGoneWithIt() throws Exception {
        try (StreamPhone bob = new StreamPhone("bob", "bob-secret", new Socket("127.0.0.1", daemon.port("tcp")),
                "TCP")) {
            assertThat(bob.register(600)).isEqualTo(200);
            WsPhone carol = WsPhone.open("carol", "carol-secret", ws);
            assertThat(carol.register(600)).isEqualTo(200);
            assertThat(Tools.sipwitchctl(daemon, "registry").out()).containsPattern("carol.*ws");

            bob.invite("203", "ws-call-1");
            StreamPhone.Msg invite = carol.readUntil(m -> m.isRequest("INVITE"));
            assertThat(invite.header("Via")).startsWith("SIP/2.0/WS ");
            assertThat(invite.header("Contact")).contains(";transport=ws");
            assertThat(invite.body()).contains("o=bob");
            assertThat(Tools.sipwitchctl(daemon, "calls").out()).containsPattern("bob .*203 .*tcp ");
            carol.send(invite.response(486, "Busy Here", "caroltag", "", ""));
            assertThat(bob.readUntil(m -> m.status() >= 200).status()).isEqualTo(486);

            carol.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !Tools.sipwitchctl(daemon, "registry").out().contains("carol"));
            bob.invite("203", "ws-call-2");
            assertThat(bob.readUntil(m -> m.status() >= 200).status()).isEqualTo(480);
        }
    }

    @Test
    void phonesRegisterOverWssWithTheTlsCertificate() throws Exception {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(wss.getAddress(), wss.getPort());
        s.startHandshake();
        try (WsPhone alice = WsPhone.open("alice", "alice-secret", s, "WSS")) {
            WsFrames.sendText(alice.out, "\r\n\r\n");
            assertThat(WsFrames.readData(alice.in).text()).isEqualTo("\r\n");
            assertThat(Tools.sipwitchctl(daemon, "trace", "on").status()).isZero();
            try {
                assertThat(alice.register(600)).isEqualTo(200);
            } finally {
                Tools.sipwitchctl(daemon, "trace", "off");
            }
            assertThat(Tools.sipwitchctl(daemon, "registry").out()).containsPattern("alice.*wss");
            String log = Tools.sipwitchctl(daemon, "siplog").out();
            assertThat(log).containsPattern("--- \\S+ \\S+ in wss 127\\.0\\.0\\.1:\\d+\\nREGISTER sip:")
                    .containsPattern("--- \\S+ \\S+ out wss 127\\.0\\.0\\.1:\\d+\\nSIP/2\\.0 200 ");
        }
    }
}
