package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Under overload new work is shed with 503, but never what ends work already admitted:
 * a BYE, CANCEL or ACK that got 503 (or was dropped) would leave its call or ringing
 * INVITE alive while the phone has given up.
 */
class ShedTest {
    /** Every lane full: bounded offers are refused, unbounded ones run at once. */
    private static final class FullLanes implements KeyedExecutor {
        private final KeyedExecutor inner = KeyedExecutor.sameThread();
        int refused;

        @Override
        public boolean execute(String key, Runnable task) {
            refused++;
            return false;
        }

        @Override
        public void executeAlways(String key, Runnable task) {
            inner.executeAlways(key, task);
        }

        @Override
        public boolean inLane(String key) {
            return inner.inLane(key);
        }
    }

    private final FullLanes lanes = new FullLanes();
    private final LayerFixture f = new LayerFixture(TransactionSettings.defaults(), lanes);

    @Test
    void newInvitesAndOptionsAreShedWith503() {
        f.receive(Msgs.request("INVITE", "z9hG4bK-i1", "call-1", 1));
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-o1", "call-2", 1));
        assertThat(f.sender.responses(503)).hasSize(2);
        assertThat(f.tu.requests).isEmpty();
    }

    @Test
    void byeCancelAndAckGetThroughFullLanes() {
        f.receive(Msgs.request("BYE", "z9hG4bK-b1", "call-1", 2));
        f.receive(Msgs.request("CANCEL", "z9hG4bK-c1", "call-3", 1));
        f.receive(Msgs.request("ACK", "z9hG4bK-a1", "call-4", 1));
        assertThat(f.sender.responses(503)).isEmpty();
        assertThat(f.tu.requests).extracting(tx -> tx.request().method()).containsExactly("BYE");
        assertThat(f.sender.responses(481)).as("CANCEL without its INVITE, answered on its lane").hasSize(1);
        assertThat(f.tu.acks).hasSize(1);
    }

    @Test
    void aByeGetsThroughAFullServerTable() {
        LayerFixture small = new LayerFixture(TransactionSettings.defaults().withLimits(1, 10));
        small.receive(Msgs.request("OPTIONS", "z9hG4bK-o1", "call-1", 1));
        small.receive(Msgs.request("OPTIONS", "z9hG4bK-o2", "call-2", 1));
        small.receive(Msgs.request("BYE", "z9hG4bK-b1", "call-3", 2));
        assertThat(small.sender.responses(503)).hasSize(1);
        assertThat(small.tu.requests).extracting(tx -> tx.request().method()).containsExactly("OPTIONS", "BYE");
    }
}
