package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 as amended by RFC 6026 §7.2:
 *
 * <pre>
 * Calling --1xx--> Proceeding --1xx--> Proceeding
 * Calling/Proceeding --2xx--> Accepted --Timer M (64*T1)--> Terminated   (every 2xx goes to the TU)
 * Calling/Proceeding --300-699--> Completed (ACK sent) --Timer D (32 s UDP, 0 reliable)--> Terminated
 * Calling --Timer B (64*T1)--> Terminated, TU gets 408
 * </pre>
 *
 * Timer A (UDP only) retransmits at T1, 2*T1, 4*T1, ... while Calling. In Proceeding a
 * guard like a proxy's Timer C (§16.8, reset by each provisional) sends CANCEL when
 * the callee rings for ever; after a CANCEL, 64*T1 without a final response ends the
 * transaction with 408 (§9.1).
 */
public final class InviteClientTransaction extends ClientTransaction {
    private Scheduled timerA;
    private Scheduled timerB;
    private Scheduled timerC;
    private Scheduled cancelGuard;
    private Scheduled timerDM;
    private long intervalA;
    private SipRequest ack;
    private volatile boolean cancelPending;
    private volatile boolean cancelSent;

    InviteClientTransaction(TransactionLayer layer, TransactionKey key, String lane, SipRequest request, Peer peer,
                            ClientTransactionListener listener) {
        super(layer, key, lane, request, peer, listener, TransactionState.CALLING);
    }

    @Override
    void start() {
        sendRequest();
        if (!reliable) {
            intervalA = layer.settings.t1();
            timerA = startTimer(intervalA, this::timerAFired);
        }
        timerB = startTimer(layer.settings.sixtyFourT1(), () -> {
            if (state == TransactionState.CALLING) {
                timedOut();
            }
        });
    }

    private void timerAFired() {
        if (state == TransactionState.CALLING) {
            resendRequest();
            intervalA *= 2; // no T2 cap for INVITE: Timer B ends it after 6 retransmissions
            timerA = startTimer(intervalA, this::timerAFired);
        }
    }

    @Override
    void receive(SipResponse response) {
        switch (state) {
            case CALLING:
            case PROCEEDING:
                if (response.isProvisional()) {
                    provisional(response);
                } else if (response.isSuccess()) {
                    cancelTimers();
                    state = TransactionState.ACCEPTED;
                    timerDM = startTimer(layer.settings.sixtyFourT1(), this::terminate);
                    listener.onFinal(this, response);
                    release(); // Timer M only passes 2xx on; the INVITE (and its SDP) is done
                } else {
                    cancelTimers();
                    state = TransactionState.COMPLETED;
                    sendAck(response);
                    timerDM = terminateAfter(layer.settings.timerD(reliable));
                    listener.onFinal(this, response);
                    release(); // Timer D resends only the ACK
                }
                return;
            case COMPLETED:
                if (response.isFinal() && !response.isSuccess()) {
                    layer.stats.retransmissionsAbsorbed.increment();
                    if (ack != null) {
                        send(ack, peer, false); // §17.1.1.2: ACK every retransmission, tell no one
                    }
                }
                return;
            case ACCEPTED:
                if (response.isSuccess()) {
                    listener.onFinal(this, response); // RFC 6026 §7.2: retransmissions and forks
                }
                return;
            default:
        }
    }

    private void provisional(SipResponse response) {
        if (state == TransactionState.CALLING) {
            timerA = cancel(timerA);
            timerB = cancel(timerB);
            state = TransactionState.PROCEEDING;
        }
        timerC = cancel(timerC);
        timerC = startTimer(layer.settings.timerC(), () -> {
            if (state == TransactionState.PROCEEDING) {
                sendCancel();
            }
        });
        if (cancelPending) {
            sendCancel();
        }
        listener.onProvisional(this, response);
    }

    private void sendAck(SipResponse response) {
        try {
            ack = ClientRequests.ackFor(request, response);
            send(ack, peer, false);
        } catch (SipParseException e) {
            ack = null; // our own INVITE is well-formed; nothing sensible to do otherwise
        }
    }

    /**
     * Lane: the TU is done with this answered INVITE (its call ended) while Timer M still
     * runs. From now on a retransmitted 2xx of CSeq {@code cseq} gets {@code ack}, the bytes
     * of its ACK, again (RFC 3261 §13.2.2.4), without reaching any TU; with no ACK it
     * reaches the TU as a stray response. Only the key, those bytes and the peer are needed
     * for that, so they move to {@link CompletedTransactions} and this object ends, instead
     * of keeping a listener and the ACK on the heap for up to 32 s. Does nothing in any
     * other state.
     */
    public void replayAck(byte[] ack, long cseq) {
        if (state == TransactionState.ACCEPTED) {
            if (ack != null) {
                layer.completed.keepAck(key, cseq, ack, peer);
            } // else its 2xx will match nothing, and the TU that gets it knows no call
            terminate();
        }
    }

    @Override
    public void cancel() {
        onLane(() -> {
            if (state == TransactionState.CALLING) {
                cancelPending = true; // §9.1: wait for a provisional response
            } else if (state == TransactionState.PROCEEDING) {
                sendCancel();
            }
        });
    }

    /** True once cancel() was called, whether or not the CANCEL has gone out yet. */
    public boolean isCancelled() {
        return cancelPending || cancelSent;
    }

    private void sendCancel() {
        cancelPending = false;
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        timerC = cancel(timerC);
        try {
            layer.sendRequest(ClientRequests.cancelFor(request), peer, ClientTransactionListener.IGNORE, lane);
        } catch (SipParseException e) {
            return;
        }
        cancelGuard = startTimer(layer.settings.sixtyFourT1(), () -> {
            if (state == TransactionState.PROCEEDING) {
                timedOut();
            }
        });
    }

    @Override
    void cancelTimers() {
        timerA = cancel(timerA);
        timerB = cancel(timerB);
        timerC = cancel(timerC);
        cancelGuard = cancel(cancelGuard);
        timerDM = cancel(timerDM);
    }
}
