package org.sipwitch.sip.transaction;

import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2:
 *
 * <pre>
 * Trying --1xx--> Proceeding --1xx--> Proceeding
 * Trying/Proceeding --200-699--> Completed (as bytes) --Timer J (64*T1 UDP, 0 reliable)--> Terminated
 * Trying/Proceeding --401/407 to a request without credentials--> Terminated
 * </pre>
 *
 * Retransmissions are absorbed: nothing is sent in Trying, the last response after.
 * If the TU never answers, the entry goes after 64*T1, when the client's Timer F has
 * given up too. Over UDP the Completed state is not this object: its key and response
 * bytes move to {@link CompletedTransactions}, which answers retransmissions for Timer J,
 * and the object ends at once.
 */
public final class NonInviteServerTransaction extends ServerTransaction {
    private Scheduled guard;

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
        if (response.isProvisional()) {
            sendNew(response);
            state = TransactionState.PROCEEDING;
            return;
        }
        guard = cancel(guard);
        if (layer.settings.timerJ(reliable) == 0 || challengesAnonymous(response)) {
            // nothing is kept (see both methods), and out of the table before the answer is
            // on the wire: a retransmission that overtakes this lane must start a new
            // transaction, not reach a terminated one that answers nothing
            terminate();
            sendNew(response);
            releaseAll();
            return;
        }
        sendNew(response);
        if (state != TransactionState.TERMINATED) { // not ended by a send that failed at once
            // Completed: kept as bytes before this leaves the table, so that a retransmission
            // always finds one or the other (one queued here meanwhile: receiveRetransmission)
            layer.completed.keepResponse(key, lingeringTag(), SipEncoder.toBytes(response), responseDestination());
            terminate();
        }
        releaseAll();
    }

    /**
     * A 401/407 to a request that carried no credentials is answered as a stateless UAS
     * would (RFC 3261 §8.2.7 names challenges as its use): if it is lost, the request's
     * retransmission is a new transaction and gets a fresh challenge, which costs the TU
     * no more than resending this one and changes nothing (no credentials, nothing
     * counted). Half the transactions of every registration are such challenges, and
     * over UDP each would otherwise linger 32 s, copied by every young collection.
     * A challenge to wrong credentials lingers as usual: answering its retransmission
     * afresh would count the failure twice.
     */
    private boolean challengesAnonymous(SipResponse response) {
        int status = response.status();
        return (status == 401 || status == 407)
                && request.header(HeaderNames.AUTHORIZATION) == null
                && request.header(HeaderNames.PROXY_AUTHORIZATION) == null;
    }

    @Override
    void receiveRetransmission() {
        layer.stats.retransmissionsAbsorbed.increment();
        if (state == TransactionState.PROCEEDING) {
            sendLast();
        } else if (state == TransactionState.TERMINATED) {
            layer.resendLingering(key, lingeringTag()); // it found us in the table just before we left
        }
    }

    @Override
    void cancelTimers() {
        guard = cancel(guard);
    }
}
