package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;

class InviteClientTransactionTest {
    private final LayerFixture f = new LayerFixture();
    private final RecordingListener listener = new RecordingListener();
    private final SipRequest invite = Msgs.outgoing("INVITE", "out-1");

    private ClientTransaction send(Peer to) {
        return f.layer.sendRequest(invite, to, listener);
    }

    @Test
    void timerARetransmitsWithDoublingUntilTimerBGives408() {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);
        f.clock.advance(40_000);
        assertThat(RecordingSender.times(f.sender.requests("INVITE")))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(listener.timeouts).hasSize(1);
        assertThat(listener.timeouts.get(0).status()).isEqualTo(408);
        assertThat(f.clock.now()).isEqualTo(40_000);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.layer.clientTransactionCount()).isZero();
        assertThat(f.layer.stats().requestsRetransmitted()).isEqualTo(6);
    }

    @Test
    void noRetransmissionOverTcpButTimerBStillRuns() {
        send(Msgs.PHONE_TCP);
        f.clock.advance(31_999);
        assertThat(f.sender.requests("INVITE")).hasSize(1);
        assertThat(listener.timeouts).isEmpty();
        f.clock.advance(1);
        assertThat(listener.timeouts).hasSize(1);
    }

    @Test
    void provisionalStopsRetransmissionsAndTimerB() {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        f.clock.advance(600);
        f.receive(Msgs.answer(invite, 180, "b1"));
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(listener.provisional).hasSize(1);
        f.clock.advance(60_000);
        assertThat(f.sender.requests("INVITE")).hasSize(2);
        assertThat(listener.timeouts).isEmpty();
    }

    @Test
    void nonTwoHundredFinalIsAckedByTheTransactionAndRetransmissionsReAcked() throws SipParseException {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        SipResponse busy = Msgs.answer(invite, 486, "b2");
        f.receive(busy);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(listener.finals).containsExactly(busy);

        SipRequest ack = f.sender.requests("ACK").get(0).request();
        assertThat(ack.uri()).isEqualTo(invite.uri());
        assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(ack.headers().values("Via")).hasSize(1);
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.to().tag()).isEqualTo("b2");
        assertThat(ack.header("From")).isEqualTo(invite.header("From"));
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.header("Route")).isEqualTo(invite.header("Route"));
        assertThat(f.sender.requests("ACK").get(0).to()).isEqualTo(Msgs.PHONE_UDP);

        f.receive(Msgs.answer(invite, 486, "b2"));
        assertThat(f.sender.requests("ACK")).hasSize(2);
        assertThat(listener.finals).as("the TU hears it once").hasSize(1);

        f.clock.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        f.clock.advance(1);
        assertThat(tx.state()).as("Timer D").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void timerDIsZeroOverTcp() {
        ClientTransaction tx = send(Msgs.PHONE_TCP);
        f.receive(Msgs.PHONE_TCP, Msgs.answer(invite, 404, "b3"));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.sender.requests("ACK")).hasSize(1);
    }

    @Test
    void everyTwoHundredGoesToTheTuUntilTimerMThenTheyAreStray() {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        f.receive(Msgs.answer(invite, 200, "fork1"));
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(tx.request()).as("the TU had the 2xx: the INVITE is let go").isNull();
        f.receive(Msgs.answer(invite, 200, "fork1"));
        f.receive(Msgs.answer(invite, 200, "fork2"));
        assertThat(listener.finals).hasSize(3);
        assertThat(f.sender.requests("ACK")).as("2xx are ACKed by the TU, not the transaction").isEmpty();

        f.clock.advance(32_000);
        assertThat(tx.state()).as("Timer M").isEqualTo(TransactionState.TERMINATED);
        f.receive(Msgs.answer(invite, 200, "fork1"));
        assertThat(listener.finals).hasSize(3);
        assertThat(f.tu.strays).hasSize(1);
        assertThat(f.layer.stats().strayResponses()).isEqualTo(1);
    }

    @Test
    void afterTheTuHandsOverItsAckARetransmittedTwoHundredGetsItUntilTimerM() {
        InviteClientTransaction tx = (InviteClientTransaction) send(Msgs.PHONE_UDP);
        f.receive(Msgs.answer(invite, 200, "b1"));
        f.clock.advance(10_000); // the call lasted 10 s
        SipRequest ack = Msgs.request("ACK", "z9hG4bK-ack-b1", invite.callId(), 1);
        tx.replayAck(SipEncoder.toBytes(ack), 1);
        assertThat(tx.isTerminated()).as("the key, the ACK and the peer are all that is kept").isTrue();
        assertThat(f.layer.clientTransactionCount()).isEqualTo(1);

        f.receive(Msgs.answer(invite, 200, "b1"));
        f.receive(Msgs.answer(invite, 200, "b1"));
        assertThat(f.sender.requests("ACK")).hasSize(2).allSatisfy(s -> {
            assertThat(s.request().callId()).isEqualTo(invite.callId());
            assertThat(s.to()).isEqualTo(Msgs.PHONE_UDP);
        });
        assertThat(listener.finals).as("the TU is done with it").hasSize(1);
        assertThat(f.tu.strays).isEmpty();

        SipResponse otherCseq = Msgs.answer(invite, 200, "b1");
        otherCseq.setHeader("CSeq", "99 INVITE");
        f.receive(otherCseq);
        assertThat(f.sender.requests("ACK")).as("not the 2xx this ACK is for").hasSize(2);
        assertThat(f.tu.strays).hasSize(1);

        f.clock.advance(32_000);
        assertThat(f.layer.clientTransactionCount()).isZero();
        f.receive(Msgs.answer(invite, 200, "b1"));
        assertThat(f.sender.requests("ACK")).hasSize(2);
        assertThat(f.tu.strays).hasSize(2);
    }

    @Test
    void cancelWaitsForAProvisionalResponse() throws SipParseException {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        tx.cancel();
        assertThat(f.sender.requests("CANCEL")).as("§9.1: not before a provisional").isEmpty();
        f.receive(Msgs.answer(invite, 100, null));
        assertThat(f.sender.requests("CANCEL")).hasSize(1);

        SipRequest cancel = f.sender.requests("CANCEL").get(0).request();
        assertThat(cancel.uri()).isEqualTo(invite.uri());
        assertThat(cancel.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(cancel.cseq().sequence()).isEqualTo(1);
        assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
        assertThat(cancel.header("To")).isEqualTo(invite.header("To"));
        assertThat(cancel.header("From")).isEqualTo(invite.header("From"));
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(f.layer.clientTransactionCount()).as("INVITE and CANCEL transactions").isEqualTo(2);

        // the CANCEL's 200 ends its own transaction; the INVITE's 487 is ACKed
        f.receive(Msgs.answer(cancel, 200, "b4"));
        f.receive(Msgs.answer(invite, 487, "b4"));
        assertThat(listener.finals).extracting(SipResponse::status).containsExactly(487);
        assertThat(f.sender.requests("ACK")).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        tx.cancel();
        assertThat(f.sender.requests("CANCEL")).hasSize(1);
    }

    @Test
    void cancelInProceedingGoesAtOnceAndEndsTheInviteIfNoFinalComes() {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        f.receive(Msgs.answer(invite, 180, "b5"));
        tx.cancel();
        tx.cancel();
        assertThat(f.sender.requests("CANCEL")).hasSize(1);
        f.clock.advance(32_000);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.timeouts).hasSize(1);
    }

    @Test
    void aPendingCancelIsDroppedWhenAFinalResponseComesFirst() {
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        tx.cancel();
        f.receive(Msgs.answer(invite, 200, "b6"));
        assertThat(f.sender.requests("CANCEL")).isEmpty();
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void timerCCancelsAnInviteThatRingsForEver() {
        send(Msgs.PHONE_UDP);
        f.receive(Msgs.answer(invite, 180, "b7"));
        f.clock.advance(179_999);
        assertThat(f.sender.requests("CANCEL")).isEmpty();
        f.clock.advance(1);
        assertThat(f.sender.requests("CANCEL")).hasSize(1);
    }

    @Test
    void aFailedSendIsReportedAs503() {
        f.sender.failSends(true);
        ClientTransaction tx = send(Msgs.PHONE_UDP);
        assertThat(listener.transportErrors).extracting(SipResponse::status).containsExactly(503);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.layer.clientTransactionCount()).isZero();
    }

    @Test
    void requestsWithoutAnRfc3261BranchAreRefused() {
        SipRequest bad = Msgs.request("INVITE", "old-style", "c", 1);
        assertThatThrownBy(() -> f.layer.sendRequest(bad, Msgs.PHONE_UDP, listener))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
