package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

class InviteServerTransactionTest {
    private final LayerFixture f = new LayerFixture();

    private ServerTransaction invite(String branch) {
        f.receive(Msgs.request("INVITE", branch, "call-" + branch, 1));
        return f.tu.last();
    }

    @Test
    void trying100IsSentAfter200msWhenTheTuIsSilent() {
        ServerTransaction tx = invite("z9hG4bK-t1");
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        f.clock.advance(199);
        assertThat(f.sender.all()).isEmpty();
        f.clock.advance(1);
        assertThat(f.sender.responses(100)).hasSize(1);
        assertThat(f.sender.responses(100).get(0).response().header("To"))
                .as("100 Trying carries no To tag").doesNotContain("tag=");
    }

    @Test
    void noTryingWhenTheTuAnswersQuickly() {
        ServerTransaction tx = invite("z9hG4bK-t2");
        tx.respond(407);
        f.clock.advance(1000);
        assertThat(f.sender.responses(100)).isEmpty();
    }

    @Test
    void aRetransmittedInviteBeforeAnyResponseGetsTryingAtOnce() {
        invite("z9hG4bK-t3");
        f.receive(Msgs.request("INVITE", "z9hG4bK-t3", "call-z9hG4bK-t3", 1));
        assertThat(f.tu.requests).hasSize(1);
        assertThat(f.sender.responses(100)).hasSize(1);
        f.clock.advance(500);
        assertThat(f.sender.responses(100)).as("the timer does not send a second one").hasSize(1);
    }

    @Test
    void retransmittedInviteGetsTheLastProvisional() {
        ServerTransaction tx = invite("z9hG4bK-t4");
        tx.respond(180);
        f.receive(Msgs.request("INVITE", "z9hG4bK-t4", "call-z9hG4bK-t4", 1));
        f.receive(Msgs.request("INVITE", "z9hG4bK-t4", "call-z9hG4bK-t4", 1));
        assertThat(f.sender.responses(180)).hasSize(3);
        assertThat(f.tu.requests).hasSize(1);
    }

    @Test
    void timerGRetransmitsTheFinalResponseUntilTimerH() {
        ServerTransaction tx = invite("z9hG4bK-g");
        tx.respond(486);
        f.clock.advance(40_000);
        // sent at 0, then G at 500, 1000, 2000, 4000 (capped at T2) ... until H at 64*T1
        assertThat(RecordingSender.times(f.sender.responses(486)))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.tu.timeouts).containsExactly(tx);
        assertThat(f.layer.serverTransactionCount()).isZero();
    }

    @Test
    void ackStopsTimerGAndTimerIAbsorbsForT4() {
        ServerTransaction tx = invite("z9hG4bK-ack");
        SipRequest request = tx.request();
        SipResponse busy = tx.createResponse(486);
        tx.respond(busy);
        f.clock.advance(600);
        assertThat(tx.request()).as("Completed keeps only the response's bytes for Timer G").isNull();
        f.receive(Msgs.ackFor(request, busy));
        assertThat(tx.state()).as("Confirmed is an entry of the completed ring, not this object")
                .isEqualTo(TransactionState.TERMINATED);
        assertThat(f.tu.acks).as("the ACK of a non-2xx is the transaction's").isEmpty();

        f.receive(Msgs.ackFor(request, busy)); // retransmitted ACK: absorbed
        f.receive(Msgs.request("INVITE", "z9hG4bK-ack", "call-z9hG4bK-ack", 1)); // and the INVITE
        f.clock.advance(4_999);
        assertThat(f.sender.responses(486)).as("sent, Timer G once, nothing in Confirmed").hasSize(2);
        assertThat(f.tu.acks).isEmpty();
        assertThat(f.tu.requests).hasSize(1);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(1);
        assertThat(f.layer.stats().retransmissionsAbsorbed()).isEqualTo(2);
        f.clock.advance(1);
        assertThat(f.layer.serverTransactionCount()).as("Timer I").isZero();
        f.receive(Msgs.ackFor(request, busy));
        assertThat(f.tu.acks).as("after Timer I an ACK matches nothing and goes to the TU").hasSize(1);
        assertThat(f.tu.timeouts).isEmpty();
    }

    @Test
    void retransmittedInviteInCompletedGetsTheFinalResponse() {
        ServerTransaction tx = invite("z9hG4bK-c");
        tx.respond(603);
        f.receive(Msgs.request("INVITE", "z9hG4bK-c", "call-z9hG4bK-c", 1));
        assertThat(f.sender.responses(603)).hasSize(2);
        assertThat(f.tu.requests).hasSize(1);
    }

    @Test
    void overTcpThereIsNoTimerGAndTimerIIsZero() {
        f.receive(Msgs.PHONE_TCP, Msgs.request("INVITE", "z9hG4bK-tcp", "call-tcp", 1, "TCP"));
        ServerTransaction tx = f.tu.last();
        SipRequest request = tx.request();
        SipResponse busy = tx.createResponse(486);
        tx.respond(busy);
        f.clock.advance(10_000);
        assertThat(f.sender.responses(486)).hasSize(1);
        f.receive(Msgs.PHONE_TCP, Msgs.ackFor(request, busy));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void twoHundredMovesToAcceptedWhichAbsorbsInvitesAndPassesAcksOnRfc6026() {
        ServerTransaction tx = invite("z9hG4bK-ok");
        SipRequest request = tx.request();
        SipResponse ok = tx.createResponse(200);
        tx.respond(ok);
        assertThat(tx.state()).as("Accepted is an entry of the completed ring, not this object")
                .isEqualTo(TransactionState.TERMINATED);
        assertThat(tx.request()).as("Accepted only absorbs INVITEs: the request is let go").isNull();
        assertThat(tx.inbound()).isNull();
        assertThat(f.layer.serverTransactionCount()).isEqualTo(1);

        f.receive(Msgs.request("INVITE", "z9hG4bK-ok", "call-z9hG4bK-ok", 1));
        assertThat(f.sender.responses(200)).as("retransmitted INVITE absorbed, no resend").hasSize(1);
        assertThat(f.tu.requests).hasSize(1);

        SipRequest cancel = Msgs.request("CANCEL", "z9hG4bK-ok", "call-z9hG4bK-ok", 1);
        f.receive(cancel);
        assertThat(f.sender.responses(200)).as("§9.2: a CANCEL of an answered INVITE gets 200, no effect").hasSize(2);
        assertThat(f.tu.requests).hasSize(1);

        SipRequest ack = Msgs.ackFor(request, ok);
        ack.setHeader("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=" + Responses.newBranch() + ";rport=5062");
        f.receive(ack);
        assertThat(f.tu.acks).hasSize(1);

        f.clock.advance(31_999);
        f.receive(Msgs.request("INVITE", "z9hG4bK-ok", "call-z9hG4bK-ok", 1));
        assertThat(f.tu.requests).as("still within Timer L").hasSize(1);
        f.clock.advance(1);
        assertThat(f.layer.serverTransactionCount()).as("Timer L, and the CANCEL's Timer J").isZero();
        f.receive(Msgs.request("INVITE", "z9hG4bK-ok", "call-z9hG4bK-ok", 1));
        assertThat(f.tu.requests).as("after Timer L the same INVITE is a new transaction").hasSize(2);
        assertThat(f.tu.timeouts).isEmpty();
    }

    @Test
    void respondUntilAckRetransmitsTheTwoHundredUntilTheAck() {
        ServerTransaction tx = invite("z9hG4bK-rel");
        SipRequest request = tx.request();
        SipResponse ok = tx.createResponse(200);
        tx.respondUntilAck(ok, () -> { throw new AssertionError("ACK came"); });
        f.clock.advance(3_600);
        assertThat(RecordingSender.times(f.sender.responses(200))).containsExactly(0L, 500L, 1500L, 3500L);

        SipRequest ack = Msgs.ackFor(request, ok);
        ack.setHeader("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=" + Responses.newBranch());
        f.receive(ack);
        assertThat(f.tu.acks).hasSize(1);
        f.clock.advance(40_000);
        assertThat(f.sender.responses(200)).hasSize(4);
        assertThat(f.layer.ackWaiters).isEmpty();
    }

    @Test
    void respondUntilAckGivesUpAfterSixtyFourT1() {
        ServerTransaction tx = invite("z9hG4bK-noack");
        AtomicInteger noAck = new AtomicInteger();
        tx.respondUntilAck(tx.createResponse(200), noAck::incrementAndGet);
        f.clock.advance(31_999);
        assertThat(noAck).hasValue(0);
        f.clock.advance(1);
        assertThat(noAck).hasValue(1);
        // 0, 500, 1500, 3500, 7500, then every 4 s up to 31500
        assertThat(f.sender.responses(200)).hasSize(11);
        f.clock.advance(10_000);
        assertThat(f.sender.responses(200)).hasSize(11);
    }

    @Test
    void aSilentTuGets408AfterTimerC() {
        ServerTransaction tx = invite("z9hG4bK-timerc");
        f.clock.advance(180_000);
        assertThat(f.sender.responses(408)).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(f.tu.timeouts).containsExactly(tx);
    }
}
