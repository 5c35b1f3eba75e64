package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sipwitch.sip.transport.SipClients.options;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.sipwitch.sip.codec.MalformedMessagesTest;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.Transport;

/**
 * The codec's collection of malformed and hostile messages, sent over real UDP and TCP
 * sockets: every one is answered or counted as dropped, nothing reaches the handler,
 * and the listeners still answer OPTIONS afterwards.
 */
class HostileTrafficTest {
    private static final int MAX_DATAGRAM = 65_507;
    private TransportManager transports;

    @AfterEach
    void stop() {
        if (transports != null) {
            transports.stop();
        }
    }

    @Test
    void everyHostileMessageIsAnsweredOrDroppedAndServiceGoesOn() throws Exception {
        transports = new TransportManager(TransportManagerTest.loopback(), in -> {
            if (in.message() instanceof SipRequest r && r.isMethod("OPTIONS") && r.callId().startsWith("after")) {
                transports.send(Responses.create(r, 200), ResponseRouting.destination(in));
            } else {
                throw new AssertionError("a malformed message reached the handler: " + in.message());
            }
        });
        transports.start();
        var udp = transports.addresses(Transport.UDP).get(0);
        var tcp = transports.addresses(Transport.TCP).get(0);
        List<byte[]> messages = MalformedMessagesTest.cases().map(Arguments::get).map(a -> (byte[]) a[1]).toList();
        int datagrams = 0;
        try (DatagramSocket phone = SipClients.udp()) {
            for (byte[] m : messages) {
                if (m.length <= MAX_DATAGRAM) {
                    phone.send(new DatagramPacket(m, m.length, udp));
                    datagrams++;
                }
            }
        }
        for (byte[] m : messages) {
            try (Socket s = SipClients.tcp(tcp)) {
                s.getOutputStream().write(m);
                s.shutdownOutput(); // the server sees the end: an incomplete message is dropped then
                SipClients.closedByServer(s);
            } catch (java.io.IOException resetByServer) {
                // closing on us mid-write is one of the allowed outcomes
            }
        }
        int expected = datagrams + messages.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled() >= expected);
        assertThat(handled()).isEqualTo(expected);
        assertThat(transports.counters().decoded()).isZero();

        try (DatagramSocket phone = SipClients.udp()) {
            SipClients.send(phone, options("after-udp", "UDP"), udp);
            assertThat(SipClients.receive(phone)).startsWith("SIP/2.0 200 OK");
        }
        try (Socket phone = SipClients.tcp(tcp)) {
            SipClients.write(phone, options("after-tcp", "TCP"));
            assertThat(SipClients.readHead(phone)).startsWith("SIP/2.0 200 OK");
        }
    }

    private long handled() {
        return transports.counters().malformedAnswered() + transports.counters().dropped();
    }
}
