package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sipwitch.sip.transport.SipClients.options;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Transport;

/** The NIO fallback, the IPv6 loopback and the wildcard, each with one UDP and one TCP round trip. */
class OtherStacksTest {
    private final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
    private TransportManager transports;

    private void start(TransportSettings settings) throws Exception {
        transports = new TransportManager(settings, in -> {
            received.add(in);
            if (in.message() instanceof SipRequest r) {
                transports.send(Responses.create(r, 200), ResponseRouting.destination(in));
            }
        });
        transports.start();
    }

    @AfterEach
    void stop() {
        if (transports != null) {
            transports.stop();
        }
    }

    private void roundTrips(InetAddress client, InetSocketAddress udp, InetSocketAddress tcp) throws Exception {
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(client, 0))) {
            phone.setSoTimeout(3000);
            byte[] b = options("u-" + System.nanoTime(), "UDP").getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(b, b.length, udp));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            phone.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).startsWith("SIP/2.0 200 OK");
        }
        try (Socket phone = SipClients.tcp(tcp)) {
            SipClients.write(phone, options("t1", "TCP"));
            assertThat(SipClients.readHead(phone)).startsWith("SIP/2.0 200 OK");
        }
        assertThat(received.poll(1, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void nioFallbackServesUdpAndTcp() throws Exception {
        start(TransportManagerTest.loopback().withPreferNative(false));
        assertThat(transports.isNative()).isFalse();
        roundTrips(InetAddress.getByName("127.0.0.1"), transports.addresses(Transport.UDP).get(0),
                transports.addresses(Transport.TCP).get(0));
    }

    @Test
    void ipv6LoopbackWhenTheHostHasOne() throws Exception {
        InetAddress v6;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            v6 = probe.getLocalAddress();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine");
            return;
        }
        start(TransportManagerTest.loopback().withInterfaces(List.of("[::1]")));
        InetSocketAddress udp = transports.addresses(Transport.UDP).get(0);
        assertThat(udp.getAddress()).isEqualTo(v6);
        roundTrips(v6, udp, transports.addresses(Transport.TCP).get(0));
        InboundMessage first = received.peek();
        assertThat(first == null || first.source().address().getAddress() instanceof java.net.Inet6Address).isTrue();
    }

    @Test
    void wildcardServesIpv4Loopback() throws Exception {
        start(TransportManagerTest.loopback().withInterfaces(List.of("*")));
        int port = transports.port();
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        roundTrips(v4, new InetSocketAddress(v4, port), new InetSocketAddress(v4, port));
        InboundMessage in = received.poll();
        assertThat(in.source().address().getAddress()).isEqualTo(v4);
    }
}
