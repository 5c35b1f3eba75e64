package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2:
 *
 * <pre>
 * Trying --1xx--> Proceeding --1xx--> Proceeding
 * Trying/Proceeding --200-699--> Completed --Timer K (T4 UDP, 0 reliable)--> Terminated
 * Trying/Proceeding --Timer F (64*T1)--> Terminated, TU gets 408
 * </pre>
 *
 * Completed is not this object: it only absorbs responses, so over UDP it is an entry of
 * {@link CompletedTransactions} and the object ends as the final response arrives.
 *
 * Timer E (UDP only) retransmits at T1, 2*T1, ... capped at T2; in Proceeding at T2.
 */
public final class NonInviteClientTransaction extends ClientTransaction {
    private Scheduled timerE;
    private Scheduled timerF;
    private long intervalE;

    NonInviteClientTransaction(TransactionLayer layer, TransactionKey key, String lane, SipRequest request, Peer peer,
                               ClientTransactionListener listener) {
        super(layer, key, lane, request, peer, listener, TransactionState.TRYING);
    }

    @Override
    void start() {
        sendRequest();
        if (!reliable) {
            intervalE = layer.settings.t1();
            timerE = startTimer(intervalE, this::timerEFired);
        }
        timerF = startTimer(layer.settings.sixtyFourT1(), () -> {
            if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
                timedOut();
            }
        });
    }

    private void timerEFired() {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return;
        }
        resendRequest();
        intervalE = state == TransactionState.PROCEEDING ? layer.settings.t2()
                : Math.min(2 * intervalE, layer.settings.t2());
        timerE = startTimer(intervalE, this::timerEFired);
    }

    @Override
    void receive(SipResponse response) {
        if (state == TransactionState.TERMINATED) {
            layer.stats.retransmissionsAbsorbed.increment(); // it found us in the table just as we left
            return;
        }
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return;
        }
        if (response.isProvisional()) {
            state = TransactionState.PROCEEDING;
            listener.onProvisional(this, response);
            return;
        }
        timerE = cancel(timerE);
        timerF = cancel(timerF);
        if (!reliable) {
            layer.completed.keepClient(key, peer); // Timer K only absorbs retransmitted responses
        }
        terminate();
        listener.onFinal(this, response);
        release();
    }

    @Override
    void cancelTimers() {
        timerE = cancel(timerE);
        timerF = cancel(timerF);
    }
}
