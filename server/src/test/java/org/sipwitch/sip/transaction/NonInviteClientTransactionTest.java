package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

class NonInviteClientTransactionTest {
    private final LayerFixture f = new LayerFixture();
    private final RecordingListener listener = new RecordingListener();
    private final SipRequest options = Msgs.outgoing("OPTIONS", "nic-1");

    @Test
    void timerERetransmitsCappedAtT2UntilTimerFGives408() {
        ClientTransaction tx = f.layer.sendRequest(options, Msgs.PHONE_UDP, listener);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        f.clock.advance(40_000);
        assertThat(RecordingSender.times(f.sender.requests("OPTIONS")))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(listener.timeouts).extracting(SipResponse::status).containsExactly(408);
        assertThat(f.layer.clientTransactionCount()).isZero();
    }

    @Test
    void inProceedingRetransmissionsComeEveryT2() {
        f.layer.sendRequest(options, Msgs.PHONE_UDP, listener);
        f.clock.advance(100);
        f.receive(Msgs.answer(options, 100, null));
        f.clock.advance(10_000);
        // 0, E at 500 (Proceeding now: next after T2), 4500, 8500
        assertThat(RecordingSender.times(f.sender.requests("OPTIONS"))).containsExactly(0L, 500L, 4500L, 8500L);
        assertThat(listener.provisional).hasSize(1);
    }

    @Test
    void finalResponseCompletesAndTimerKAbsorbsForT4() {
        ClientTransaction tx = f.layer.sendRequest(options, Msgs.PHONE_UDP, listener);
        SipResponse ok = Msgs.answer(options, 200, "x");
        f.receive(ok);
        assertThat(listener.finals).containsExactly(ok);
        assertThat(tx.state()).as("Completed is an entry of the completed ring, not this object")
                .isEqualTo(TransactionState.TERMINATED);
        assertThat(tx.request()).isNull();
        f.receive(Msgs.answer(options, 200, "x"));
        assertThat(listener.finals).as("retransmitted final absorbed").hasSize(1);
        assertThat(f.tu.strays).isEmpty();
        f.clock.advance(4_999);
        assertThat(f.layer.clientTransactionCount()).isEqualTo(1);
        f.clock.advance(1);
        assertThat(f.layer.clientTransactionCount()).as("Timer K").isZero();
        f.receive(Msgs.answer(options, 200, "x"));
        assertThat(f.tu.strays).as("after Timer K it matches nothing").hasSize(1);
        assertThat(f.sender.requests("OPTIONS")).hasSize(1);
    }

    @Test
    void overTcpNoRetransmissionAndTimerKIsZero() {
        ClientTransaction tx = f.layer.sendRequest(options, Msgs.PHONE_TCP, listener);
        f.clock.advance(10_000);
        assertThat(f.sender.requests("OPTIONS")).hasSize(1);
        f.receive(Msgs.PHONE_TCP, Msgs.answer(options, 200, "x"));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void responsesAreMatchedByBranchAndCSeqMethod() {
        f.layer.sendRequest(options, Msgs.PHONE_UDP, listener);
        SipResponse wrongMethod = Msgs.answer(options, 200, "x");
        wrongMethod.setHeader("CSeq", "1 INFO");
        f.receive(wrongMethod);
        assertThat(listener.finals).isEmpty();
        assertThat(f.tu.strays).hasSize(1);
    }

    @Test
    void aFullClientTableRefusesWith503() {
        LayerFixture small = new LayerFixture(TransactionSettings.defaults().withLimits(10, 1));
        small.layer.sendRequest(options, Msgs.PHONE_UDP, listener);
        RecordingListener second = new RecordingListener();
        small.layer.sendRequest(Msgs.outgoing("OPTIONS", "nic-2"), Msgs.PHONE_UDP, second);
        assertThat(second.transportErrors).extracting(SipResponse::status).containsExactly(503);
        assertThat(small.layer.clientTransactionCount()).isEqualTo(1);
        assertThat(small.layer.stats().rejected()).isEqualTo(1);
    }
}
