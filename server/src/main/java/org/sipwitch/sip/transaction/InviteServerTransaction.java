package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 as amended by RFC 6026 §7.1:
 *
 * <pre>
 * Proceeding --1xx--> Proceeding
 * Proceeding --2xx--> Accepted  --Timer L (64*T1)--> Terminated   (absorbs INVITEs, ACKs go to the TU)
 * Proceeding --300-699--> Completed --ACK--> Confirmed --Timer I (T4)--> Terminated
 *                         Completed: Timer G resends the response (UDP), Timer H (64*T1) gives up
 * </pre>
 *
 * <p>Accepted, and Confirmed over UDP, are not this object: they only absorb, so they are
 * entries of {@link CompletedTransactions} and the object ends as it enters them (an
 * RFC 2543 Confirmed stays an object: its ACKs are told apart by a To tag).
 *
 * <p>{@code 100 Trying}: sent when the TU has not answered within
 * {@link TransactionSettings#tryingDelay()} (200 ms), the case §17.2.1 says a server
 * may skip it; a retransmitted INVITE before any response gets it at once. A
 * registrar's or B2BUA's quick 407/486 so costs one message, not two.
 */
public final class InviteServerTransaction extends ServerTransaction {
    private Scheduled trying;
    private Scheduled timerC;
    private Scheduled timerG;
    private Scheduled timerH;
    private Scheduled timerI;
    private long intervalG;

    InviteServerTransaction(TransactionLayer layer, TransactionKey key, InboundMessage inbound, Peer destination) {
        super(layer, key, inbound, destination, TransactionState.PROCEEDING);
    }

    @Override
    void started() {
        TransactionSettings s = layer.settings;
        trying = startTimer(s.tryingDelay(), () -> {
            if (state == TransactionState.PROCEEDING && lastResponse == null) {
                sendNew(createResponse(100));
            }
        });
        timerC = startTimer(s.timerC(), this::timerCFired);
    }

    @Override
    void sendResponse(SipResponse response) {
        switch (state) {
            case PROCEEDING:
                sendNew(response);
                if (response.isProvisional()) {
                    return;
                }
                trying = cancel(trying);
                timerC = cancel(timerC);
                if (response.isSuccess()) {
                    // RFC 6026 §7.1: Accepted absorbs INVITE retransmissions for Timer L while the
                    // TU retransmits the 2xx; an entry does that, this object goes (unless a send
                    // that failed at once ended it)
                    if (state != TransactionState.TERMINATED) {
                        layer.completed.keepAccepted(key, lingeringTag(), responseDestination());
                        terminate();
                    }
                    releaseAll();
                } else {
                    state = TransactionState.COMPLETED;
                    if (!reliable) {
                        intervalG = layer.settings.t1();
                        timerG = startTimer(intervalG, this::timerGFired);
                    }
                    timerH = startTimer(layer.settings.sixtyFourT1(), this::timerHFired);
                    keepEncoded(); // Timer G resends it until the ACK
                }
                return;
            default:
                // a response after the final one is a TU bug or a race with a timeout: drop it
        }
    }

    @Override
    void receiveRetransmission() {
        layer.stats.retransmissionsAbsorbed.increment();
        switch (state) {
            case PROCEEDING:
                if (lastResponse == null) {
                    sendNew(createResponse(100)); // the client is retransmitting: stop it now
                } else {
                    sendLast();
                }
                return;
            case COMPLETED:
                sendLast();
                return;
            default:
                // Confirmed, and Accepted per RFC 6026 §8.5: absorbed silently
        }
    }

    /** Lane: an ACK that matched this transaction. */
    void receiveAck(InboundMessage ack) {
        switch (state) {
            case COMPLETED:
                timerG = cancel(timerG);
                timerH = cancel(timerH);
                state = TransactionState.CONFIRMED;
                releaseAll(); // Timer I only absorbs ACKs (and INVITEs)
                if (reliable || key.legacy()) {
                    // RFC 2543 ACKs are told apart by To tag, which an entry does not keep
                    timerI = terminateAfter(layer.settings.timerIK(reliable));
                } else {
                    layer.completed.keepConfirmed(key, responseDestination());
                    terminate();
                }
                return;
            default:
                layer.stats.retransmissionsAbsorbed.increment();
        }
    }

    @Override
    public void respondUntilAck(SipResponse success, Runnable onNoAck) {
        if (!success.isSuccess()) {
            throw new IllegalArgumentException("respondUntilAck takes a 2xx, not " + success.status());
        }
        onLane(() -> {
            if (state != TransactionState.PROCEEDING) {
                return;
            }
            sendResponse(success);
            new SuccessRetransmitter(layer, lane, success, responseDestination(), reliable, onNoAck).start();
        });
    }

    private void timerGFired() {
        if (state == TransactionState.COMPLETED) {
            sendLast();
            intervalG = Math.min(2 * intervalG, layer.settings.t2());
            timerG = startTimer(intervalG, this::timerGFired);
        }
    }

    private void timerHFired() {
        if (state == TransactionState.COMPLETED) {
            // §17.2.1: no ACK ever came
            layer.stats.timeouts.increment();
            terminate();
            layer.tu.onServerTimeout(this);
        }
    }

    private void timerCFired() {
        if (state == TransactionState.PROCEEDING) {
            // the TU never answered: end the caller's wait rather than hold the entry forever
            layer.stats.timeouts.increment();
            sendResponse(createResponse(408));
            layer.tu.onServerTimeout(this);
        }
    }

    @Override
    void cancelTimers() {
        trying = cancel(trying);
        timerC = cancel(timerC);
        timerG = cancel(timerG);
        timerH = cancel(timerH);
        timerI = cancel(timerI);
    }
}
