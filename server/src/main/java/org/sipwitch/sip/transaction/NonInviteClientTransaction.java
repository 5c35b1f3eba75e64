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
 * Timer E (UDP only) retransmits at T1, 2*T1, ... capped at T2; in Proceeding at T2.
 */
public final class NonInviteClientTransaction extends ClientTransaction {
    private Scheduled timerE;
    private Scheduled timerF;
    private Scheduled timerK;
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
        if (state == TransactionState.COMPLETED) {
            layer.stats.retransmissionsAbsorbed.increment(); // a retransmitted final response
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
        state = TransactionState.COMPLETED;
        timerK = terminateAfter(layer.settings.timerIK(reliable));
        listener.onFinal(this, response);
        release(); // Timer K only absorbs retransmitted responses
    }

    @Override
    void cancelTimers() {
        timerE = cancel(timerE);
        timerF = cancel(timerF);
        timerK = cancel(timerK);
    }
}
