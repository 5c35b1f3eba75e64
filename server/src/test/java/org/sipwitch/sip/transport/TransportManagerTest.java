package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.sip.transport.SipClients.options;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/** Real sockets on 127.0.0.1, a manager with an echoing handler: OPTIONS in, 200 back the way RFC 3261 says. */
class TransportManagerTest {
    private final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
    private TransportManager transports;

    private TransportManager start(TransportSettings settings) throws Exception {
        transports = new TransportManager(settings, in -> {
            received.add(in);
            if (in.message() instanceof SipRequest r && r.isMethod("OPTIONS")) {
                transports.send(Responses.create(r, 200), ResponseRouting.destination(in));
            }
        });
        transports.start();
        return transports;
    }

    static TransportSettings loopback() {
        return TransportSettings.defaults().withInterfaces(List.of("127.0.0.1")).withPort(0).withIoThreads(2);
    }

    private InetSocketAddress udpAddress() {
        return transports.addresses(Transport.UDP).get(0);
    }

    private InetSocketAddress tcpAddress() {
        return transports.addresses(Transport.TCP).get(0);
    }

    private InboundMessage next() throws InterruptedException {
        InboundMessage in = received.poll(3, TimeUnit.SECONDS);
        assertThat(in).as("a message reached the handler").isNotNull();
        return in;
    }

    @AfterEach
    void stop() {
        if (transports != null) {
            transports.stop();
        }
    }

    @Test
    void portZeroPicksOnePortForUdpAndTcp() throws Exception {
        start(loopback());
        assertThat(transports.listeningPoints()).hasSize(2);
        int port = transports.port();
        assertThat(port).isPositive();
        assertThat(udpAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
        assertThat(tcpAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
        // with epoll, one UDP socket per event loop shares the port through SO_REUSEPORT
        assertThat(transports.udpSocketCount()).isEqualTo(transports.isNative() ? 2 : 1);
    }

    @Test
    void listenersBoundWithoutReadingHoldWhatArrivesUntilTheyRead() throws Exception {
        transports = new TransportManager(loopback(), received::add);
        transports.start(false); // bound: the port is ours, a second daemon would fail now
        assertThatThrownBy(() -> new DatagramSocket(udpAddress())).isInstanceOf(java.net.SocketException.class);
        try (DatagramSocket phone = SipClients.udp(); Socket tcp = SipClients.tcp(tcpAddress())) {
            SipClients.send(phone, options("held-udp", "UDP"), udpAddress());
            tcp.getOutputStream().write(options("held-tcp", "TCP").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // nothing is read while the daemon warms up; the kernel keeps it
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            transports.startReading();
            List<String> callIds = List.of(next().message().callId(), next().message().callId());
            assertThat(callIds).containsExactlyInAnyOrder("held-udp", "held-tcp");
        }
    }

    @Test
    void udpRequestIsStampedAndAnsweredAtReceivedAndRport() throws Exception {
        start(loopback());
        try (DatagramSocket phone = SipClients.udp()) {
            SipClients.send(phone, options("udp1", "UDP"), udpAddress());
            InboundMessage in = next();
            assertThat(in.source()).isEqualTo(new Peer(Transport.UDP,
                    new InetSocketAddress("127.0.0.1", phone.getLocalPort())));
            assertThat(in.local()).isEqualTo(udpAddress());
            assertThat(in.message().topVia().param("received")).isEqualTo("127.0.0.1");
            assertThat(in.message().topVia().param("rport")).isEqualTo(Integer.toString(phone.getLocalPort()));
            String answer = SipClients.receive(phone);
            assertThat(answer).startsWith("SIP/2.0 200 OK\r\n").contains("Call-ID: udp1");
        }
        assertThat(transports.counters().decoded()).isEqualTo(1);
    }

    @Test
    void tcpRequestIsAnsweredOverTheSameConnection() throws Exception {
        start(loopback());
        try (Socket phone = SipClients.tcp(tcpAddress())) {
            SipClients.write(phone, options("tcp1", "TCP"));
            InboundMessage in = next();
            assertThat(in.source()).isEqualTo(new Peer(Transport.TCP,
                    new InetSocketAddress("127.0.0.1", phone.getLocalPort())));
            assertThat(SipClients.readHead(phone)).startsWith("SIP/2.0 200 OK\r\n").contains("Call-ID: tcp1");
            assertThat(transports.connectionCount()).isEqualTo(1);
            // a request the server originates later reuses the phone's connection
            SipRequest notify = new SipRequest("OPTIONS", SipUri.sip("probe", "192.0.2.7", 5062));
            notify.addHeader("Via", "SIP/2.0/TCP server.example;branch=z9hG4bKsrv")
                    .addHeader("From", "<sip:server.example>;tag=s").addHeader("To", "<sip:probe@example.net>")
                    .addHeader("Call-ID", "srv1").addHeader("CSeq", "1 OPTIONS");
            transports.send(notify, in.source()).get(3, TimeUnit.SECONDS);
            assertThat(SipClients.readHead(phone)).startsWith("OPTIONS sip:probe@192.0.2.7:5062 SIP/2.0\r\n");
            assertThat(transports.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void crlfPingOverTcpGetsAPong() throws Exception {
        start(loopback());
        try (Socket phone = SipClients.tcp(tcpAddress())) {
            SipClients.write(phone, "\r\n\r\n");
            assertThat(SipClients.readBytes(phone, 2)).isEqualTo("\r\n");
            SipClients.write(phone, options("after-ping", "TCP"));
            assertThat(SipClients.readHead(phone)).contains("Call-ID: after-ping");
        }
    }

    @Test
    void malformedUdpRequestGets400AndTheListenerGoesOn() throws Exception {
        start(loopback());
        try (DatagramSocket phone = SipClients.udp()) {
            SipClients.send(phone, options("bad", "UDP").replace("Call-ID: bad\r\n", ""), udpAddress());
            assertThat(SipClients.receive(phone)).startsWith("SIP/2.0 400 Bad Request (Missing Call-ID)\r\n");
            SipClients.send(phone, "\0\0garbage\0", udpAddress());
            SipClients.send(phone, options("good", "UDP"), udpAddress());
            assertThat(SipClients.receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: good");
        }
        assertThat(transports.counters().malformedAnswered()).isEqualTo(1);
        assertThat(transports.counters().dropped()).isEqualTo(1);
    }

    @Test
    void malformedTcpRequestGets400ThenClose() throws Exception {
        start(loopback());
        try (Socket phone = SipClients.tcp(tcpAddress())) {
            SipClients.write(phone, options("nocl", "TCP").replace("Content-Length: 0\r\n", ""));
            assertThat(SipClients.readHead(phone)).startsWith("SIP/2.0 400 Bad Request (Missing Content-Length)");
            assertThat(SipClients.closedByServer(phone)).isTrue();
        }
    }

    @Test
    void garbageClientIsClosedWithoutHurtingOthers() throws Exception {
        start(loopback().withLimits(new org.sipwitch.sip.codec.SipLimits(4096, 32, 512, 2048)));
        try (Socket good = SipClients.tcp(tcpAddress()); Socket bad = SipClients.tcp(tcpAddress())) {
            SipClients.write(good, options("g1", "TCP"));
            assertThat(SipClients.readHead(good)).contains("Call-ID: g1");
            bad.getOutputStream().write(new byte[5000]); // one endless line of NULs
            assertThat(SipClients.closedByServer(bad)).isTrue();
            SipClients.write(good, options("g2", "TCP"));
            assertThat(SipClients.readHead(good)).contains("Call-ID: g2");
        }
    }

    @Test
    void sendingOverTcpOpensOneConnectionAndReusesIt() throws Exception {
        start(loopback());
        try (ServerSocket peer = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            peer.setSoTimeout(3000);
            Peer to = new Peer(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress());
            SipRequest r = new SipRequest("MESSAGE", SipUri.sip("bob", "127.0.0.1", peer.getLocalPort()));
            r.addHeader("Via", "SIP/2.0/TCP server.example;branch=z9hG4bKm1").addHeader("From", "<sip:s@x>;tag=1")
                    .addHeader("To", "<sip:bob@x>").addHeader("Call-ID", "m1").addHeader("CSeq", "1 MESSAGE");
            transports.send(r, to).get(3, TimeUnit.SECONDS);
            try (Socket accepted = peer.accept()) {
                accepted.setSoTimeout(3000);
                assertThat(SipClients.readHead(accepted)).startsWith("MESSAGE sip:bob@127.0.0.1:");
                transports.send(r, to).get(3, TimeUnit.SECONDS);
                assertThat(SipClients.readHead(accepted)).startsWith("MESSAGE");
                assertThat(transports.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void sendingToNobodyFailsTheFuture() throws Exception {
        start(loopback());
        // bound but not listening: the port stays ours (nothing else can start listening
        // there meanwhile) and a connection to it is refused
        try (Socket nobody = new Socket()) {
            nobody.bind(new InetSocketAddress("127.0.0.1", 0));
            int closedPort = nobody.getLocalPort();
            SipRequest r = new SipRequest("OPTIONS", SipUri.sip(null, "127.0.0.1", closedPort));
            var f = transports.send(r, new Peer(Transport.TCP, new InetSocketAddress("127.0.0.1", closedPort)));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        start(loopback().withIdleTimeout(Duration.ofMillis(300)));
        try (Socket phone = SipClients.tcp(tcpAddress())) {
            assertThat(SipClients.closedByServer(phone)).isTrue();
        }
    }

    @Test
    void connectionLimitRefusesTheExtraConnection() throws Exception {
        start(loopback().withMaxConnections(1));
        try (Socket first = SipClients.tcp(tcpAddress())) {
            SipClients.write(first, options("first", "TCP"));
            assertThat(SipClients.readHead(first)).contains("Call-ID: first");
            try (Socket second = SipClients.tcp(tcpAddress())) {
                assertThat(SipClients.closedByServer(second)).isTrue();
            }
            SipClients.write(first, options("still", "TCP"));
            assertThat(SipClients.readHead(first)).contains("Call-ID: still");
        }
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        start(loopback());
        int port = transports.port();
        try (TransportManager second = new TransportManager(loopback().withPort(port), in -> { })) {
            assertThatThrownBy(second::start).isInstanceOf(BindFailedException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(second.listeningPoints()).isEmpty();
        }
    }

    @Test
    void stopReleasesThePortQuickly() throws Exception {
        start(loopback());
        int port = transports.port();
        long t0 = System.nanoTime();
        transports.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        try (TransportManager again = new TransportManager(loopback().withPort(port), in -> { })) {
            again.start();
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
