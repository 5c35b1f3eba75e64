package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.MessageSender;

/**
 * The layer behind a real UDP socket, with the production executor and wheel timer:
 * a client retransmitting over the loopback sees one transaction and the last
 * response again. The socket plumbing here is test-only (not the production transport).
 */
class UdpSocketTest {
    private DatagramSocket server;
    private DatagramSocket phone;
    private CallIdExecutor executor;
    private WheelScheduler scheduler;
    private RecordingUser tu;
    private Thread receiver;

    @BeforeEach
    void start() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = new DatagramSocket(new InetSocketAddress(lo, 0));
        phone = new DatagramSocket(new InetSocketAddress(lo, 0));
        phone.setSoTimeout(3000);
        executor = new CallIdExecutor(2, 1000);
        scheduler = new WheelScheduler();
        tu = new RecordingUser();
        MessageSender sender = (m, to) -> {
            byte[] bytes = TextCodec.encode(m);
            try {
                server.send(new DatagramPacket(bytes, bytes.length, to.address()));
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        TransactionLayer layer = new TransactionLayer(sender, tu, executor, scheduler, TransactionSettings.defaults());
        receiver = new Thread(() -> receiveLoop(layer), "test-udp-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** What the transport does: decode, stamp received/rport on the top Via (RFC 3581), hand over. */
    private void receiveLoop(TransactionLayer layer) {
        byte[] buf = new byte[65535];
        while (!server.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                server.receive(p);
                SipMessage m = TextCodec.decode(p.getData(), p.getLength());
                if (m.isRequest()) {
                    Via top = m.topVia().withParam("received", p.getAddress().getHostAddress())
                            .withParam("rport", String.valueOf(p.getPort()));
                    m.headers().removeFirstValue(HeaderNames.VIA);
                    m.headers().addFirst(HeaderNames.VIA, top.toString());
                }
                Peer source = new Peer(Transport.UDP, (InetSocketAddress) p.getSocketAddress());
                layer.onMessage(new InboundMessage(m, source, (InetSocketAddress) server.getLocalSocketAddress()));
            } catch (IOException | SipParseException e) {
                // socket closed at the end of the test, or garbage: ignore
            }
        }
    }

    @AfterEach
    void stop() {
        server.close();
        phone.close();
        executor.close();
        scheduler.close();
    }

    private void send(SipRequest r) throws IOException {
        byte[] bytes = TextCodec.encode(r);
        phone.send(new DatagramPacket(bytes, bytes.length, server.getLocalSocketAddress()));
    }

    private SipResponse receive() throws IOException, SipParseException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        phone.receive(p);
        return (SipResponse) TextCodec.decode(p.getData(), p.getLength());
    }

    private SipRequest fromPhone(String method, String branch, String callId) {
        SipRequest r = Msgs.request(method, branch, callId, 1);
        // rport without value: the client asks for it, our receiver stamps it
        r.setHeader(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=" + branch + ";rport");
        return r;
    }

    @Test
    void retransmittedOptionsOverUdpAreAbsorbed() throws Exception {
        tu.onNewRequest = tx -> tx.respond(200);
        for (int i = 0; i < 3; i++) {
            send(fromPhone("OPTIONS", "z9hG4bK-udp-opt", "udp-1"));
            SipResponse r = receive();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.topVia().param("rport")).isEqualTo(String.valueOf(phone.getLocalPort()));
        }
        synchronized (tu) {
            assertThat(tu.requests).hasSize(1);
        }
    }

    @Test
    void inviteGetsTryingThenTimerGRetransmitsTheFinalUntilAck() throws Exception {
        long t0 = System.nanoTime();
        send(fromPhone("INVITE", "z9hG4bK-udp-inv", "udp-2"));
        assertThat(receive().status()).as("100 Trying from the 200 ms timer").isEqualTo(100);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);

        send(fromPhone("INVITE", "z9hG4bK-udp-inv", "udp-2"));
        assertThat(receive().status()).as("retransmission gets the last provisional").isEqualTo(100);

        ServerTransaction tx;
        synchronized (tu) {
            assertThat(tu.requests).hasSize(1);
            tx = tu.last();
        }
        SipResponse busy = tx.createResponse(486);
        tx.respond(busy);
        assertThat(receive().status()).isEqualTo(486);
        assertThat(receive().status()).as("Timer G over a real socket").isEqualTo(486);

        SipRequest ack = fromPhone("ACK", "z9hG4bK-udp-inv", "udp-2");
        ack.setHeader(HeaderNames.TO, busy.header(HeaderNames.TO));
        send(ack);
        phone.setSoTimeout(1500);
        // at most one more retransmission may have crossed the ACK; then silence
        int late = 0;
        try {
            while (true) {
                receive();
                late++;
            }
        } catch (SocketTimeoutException expected) {
            // no more 486
        }
        assertThat(late).isLessThanOrEqualTo(1);
        assertThat(tx.state()).isIn(TransactionState.CONFIRMED, TransactionState.TERMINATED);
    }

    @Test
    void anAnsweredInviteAbsorbsItsRetransmissionAndItsCancelGetsTwoHundred() throws Exception {
        tu.onNewRequest = tx -> tx.respond(200);
        send(fromPhone("INVITE", "z9hG4bK-udp-ok", "udp-3"));
        assertThat(receive().status()).isEqualTo(200);

        // RFC 6026 Accepted, kept as an entry: the same INVITE again gets nothing, so the
        // next datagram the phone hears is the answer to its CANCEL (§9.2: 200, no effect)
        send(fromPhone("INVITE", "z9hG4bK-udp-ok", "udp-3"));
        send(fromPhone("CANCEL", "z9hG4bK-udp-ok", "udp-3"));
        SipResponse next = receive();
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.cseq().method()).isEqualTo("CANCEL");
        synchronized (tu) {
            assertThat(tu.requests).as("neither the retransmission nor the CANCEL reached the TU").hasSize(1);
        }
    }
}
