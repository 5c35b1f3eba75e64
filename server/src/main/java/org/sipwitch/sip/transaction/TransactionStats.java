package org.sipwitch.sip.transaction;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the transaction layer, for the Stats MBean. LongAdders: they are bumped
 * from every lane and event loop, read rarely.
 */
public final class TransactionStats {
    final LongAdder retransmissionsAbsorbed = new LongAdder();
    final LongAdder responsesRetransmitted = new LongAdder();
    final LongAdder requestsRetransmitted = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder strayResponses = new LongAdder();
    final LongAdder unparsable = new LongAdder();

    /**
     * A consistent-enough view of the counters.
     *
     * @param serverTransactions live server transactions
     * @param clientTransactions live client transactions
     * @param retransmissionsAbsorbed retransmitted requests (and ACKs) absorbed without calling the TU
     * @param responsesRetransmitted responses we sent again (to a retransmission or by Timer G)
     * @param requestsRetransmitted requests we sent again (Timers A and E)
     * @param timeouts transactions ended by a timeout (B, F, H, guards)
     * @param transportErrors transactions ended because a send failed
     * @param rejected requests refused with 503 because a table or a lane queue was full
     * @param strayResponses responses matching no client transaction (passed to the TU)
     * @param unparsable messages without the headers a transaction needs, dropped
     * @param lingeringCutShort completed transactions forgotten before their timer (I, J, K, L, M) for lack of room
     */
    public record Snapshot(int serverTransactions, int clientTransactions, long retransmissionsAbsorbed,
                           long responsesRetransmitted, long requestsRetransmitted, long timeouts,
                           long transportErrors, long rejected, long strayResponses, long unparsable,
                           long lingeringCutShort) {
    }

    Snapshot snapshot(int server, int client, long lingeringCutShort) {
        return new Snapshot(server, client, retransmissionsAbsorbed.sum(), responsesRetransmitted.sum(),
                requestsRetransmitted.sum(), timeouts.sum(), transportErrors.sum(), rejected.sum(),
                strayResponses.sum(), unparsable.sum(), lingeringCutShort);
    }
}
