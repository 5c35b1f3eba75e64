package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2:
 *
 * <pre>
 * Trying --1xx--> Proceeding --1xx--> Proceeding
 * Trying/Proceeding --200-699--> Completed --Timer J (64*T1 UDP, 0 reliable)--> Terminated
 * </pre>
 *
 * Retransmissions are absorbed: nothing is sent in Trying, the last response after.
 * If the TU never answers, the entry goes after 64*T1, when the client's Timer F has
 * given up too.
 */
public final class NonInviteServerTransaction extends ServerTransaction {
    private Scheduled guard;
    /** Over reliable transports Timer J is zero; over UDP {@link Lingering} ends it at this time. */
    long lingersUntil;

    NonInviteServerTransaction(TransactionLayer layer, TransactionKey key, InboundMessage inbound, Peer destination) {
        super(layer, key, inbound, destination, TransactionState.TRYING);
    }

    @Override
    void started() {
        guard = startTimer(layer.settings.sixtyFourT1(), () -> {
            if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
                layer.stats.timeouts.increment();
                terminate();
                layer.tu.onServerTimeout(this);
            }
        });
    }

    @Override
    void sendResponse(SipResponse response) {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return; // §17.2.2: responses after the final one are discarded
        }
        sendNew(response);
        if (response.isProvisional()) {
            state = TransactionState.PROCEEDING;
            return;
        }
        guard = cancel(guard);
        state = TransactionState.COMPLETED;
        if (layer.settings.timerJ(reliable) == 0) {
            terminate(); // reliable: nothing will be retransmitted, so nothing is kept
            releaseAll();
            return;
        }
        layer.lingering.add(this);
        keepEncoded(); // Completed for 32 s over UDP only to resend it
    }

    @Override
    void receiveRetransmission() {
        layer.stats.retransmissionsAbsorbed.increment();
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            sendLast();
        }
    }

    /** Timer thread: Timer J fired. */
    void lingered() {
        onLane(() -> {
            if (state == TransactionState.COMPLETED) {
                terminate();
            }
        });
    }

    @Override
    void cancelTimers() {
        guard = cancel(guard);
    }
}
