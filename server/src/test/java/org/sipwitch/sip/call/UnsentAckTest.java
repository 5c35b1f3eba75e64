package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.BOB1;
import static org.sipwitch.sip.call.CallFixture.SDP_A;
import static org.sipwitch.sip.call.CallFixture.SDP_B;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;
import org.slf4j.LoggerFactory;

/**
 * An ACK that cannot be sent ends nothing — the phone repeats its 2xx and gets the ACK
 * again — but it is never silent: counted ({@link CallEngine#unsentAcks}, shown by the
 * {@code check} verb) and logged, at most once per ten seconds.
 */
class UnsentAckTest {
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(AckSender.class)).addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(AckSender.class)).detachAppender(log);
    }

    List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void anAckRefusedByTheTransportIsCountedAndLoggedAndTheRepeatedTwoHundredIsAckedAgain() {
        CallFixture f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        SipRequest invite = f.invite("sip:202@example.net", "call-1", SDP_A);
        f.receive(ALICE, invite);
        SipRequest toBob = f.request(BOB1, "INVITE");
        SipResponse bobOk = f.answer(toBob, 200, "b1", SDP_B);

        f.unreachable.add(BOB1); // the connection to bob is gone just as his 200 arrives
        f.receive(BOB1, bobOk);
        assertThat(f.requests(BOB1, "ACK")).isEmpty();
        assertThat(f.engine.unsentAcks()).isEqualTo(1);
        assertThat(warnings()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("ACK to " + BOB1 + " not sent").contains("connection refused"));

        f.unreachable.remove(BOB1);
        f.receive(BOB1, bobOk); // bob did not hear the ACK: his 200 again
        assertThat(f.requests(BOB1, "ACK")).hasSize(1);
        assertThat(f.engine.unsentAcks()).isEqualTo(1);
        assertThat(f.engine.table().active()).as("the call goes on").isEqualTo(1);
    }

    @Test
    void theAckReplayedForAnEndedCallIsCountedWhenItCannotBeSent() {
        CallFixture f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        SipRequest invite = f.invite("sip:202@example.net", "call-1", SDP_A);
        f.receive(ALICE, invite);
        SipRequest toBob = f.request(BOB1, "INVITE");
        SipResponse bobOk = f.answer(toBob, 200, "b1", SDP_B);
        f.receive(BOB1, bobOk);
        SipResponse aliceOk = f.response(ALICE, 200, "INVITE");
        f.receive(ALICE, f.ackFor(invite, aliceOk));
        f.receive(ALICE, f.inDialog("BYE", ALICE, invite, aliceOk, 2));
        assertThat(f.engine.table().active()).isZero();
        f.sent.clear();

        f.unreachable.add(BOB1);
        f.receive(BOB1, bobOk); // the lingering INVITE transaction replays the ACK (AckReplay)
        assertThat(f.engine.unsentAcks()).isEqualTo(1);
        assertThat(warnings()).hasSize(1);
        f.unreachable.remove(BOB1);
        f.receive(BOB1, bobOk);
        assertThat(f.requests(BOB1, "ACK")).hasSize(1);
    }

    @Test
    void aSenderThatThrowsIsCountedLikeAFailedSendAndTheLogIsRateLimited() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        List<String> wire = new ArrayList<>();
        boolean[] broken = {true};
        AckSender acks = new AckSender((message, to) -> {
            if (broken[0]) {
                throw new IllegalStateException("event loop shut down");
            }
            wire.add(message.toString());
            return CompletableFuture.completedFuture(null);
        }, clock);
        Peer bob = new Peer(Transport.UDP, new InetSocketAddress("192.0.2.20", 5062));
        SipRequest ack = new SipRequest("ACK", SipUri.parse("sip:bob@192.0.2.20:5062"));

        for (int i = 0; i < 5; i++) {
            acks.send(ack, bob);
        }
        assertThat(acks.failed()).isEqualTo(5);
        assertThat(warnings()).as("one line for a burst").hasSize(1);

        clock.advance(Duration.ofMillis(AckSender.LOG_EVERY_MILLIS));
        acks.send(ack, bob);
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1).getFormattedMessage()).contains("6 ACK(s) not sent since start")
                .contains("event loop shut down");

        broken[0] = false;
        acks.send(ack, bob);
        assertThat(wire).hasSize(1);
        assertThat(acks.failed()).isEqualTo(6);
    }
}
