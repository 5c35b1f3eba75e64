package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;

/**
 * A client transaction (RFC 3261 §17.1): one request we send to a peer, retransmitted
 * over UDP until a response comes, and the responses it gets, passed to the
 * {@link ClientTransactionListener} on the transaction's lane. Made by
 * {@link TransactionLayer#sendRequest}.
 */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {
    final Peer peer;
    final ClientTransactionListener listener;

    ClientTransaction(TransactionLayer layer, TransactionKey key, String lane, SipRequest request, Peer peer,
                      ClientTransactionListener listener, TransactionState initial) {
        super(layer, key, lane, request, peer.transport().isReliable(), initial);
        this.peer = peer;
        this.listener = listener;
    }

    public Peer peer() {
        return peer;
    }

    /** The branch of our top Via, which names this transaction. */
    public String branch() {
        return key.id();
    }

    /**
     * Cancels an INVITE (§9.1): sends CANCEL in its own transaction once a provisional
     * response has come (queued until then), nothing after a final response. A non-INVITE
     * cannot be cancelled usefully, so this does nothing for one. Callable from any thread.
     */
    public void cancel() {
    }

    /** Lane: sends the request for the first time and starts the timers. */
    abstract void start();

    /** Lane: a response whose branch and CSeq method are ours. */
    abstract void receive(SipResponse response);

    /** Timer B or F: the TU sees a 408 (§17.1.1.2, §17.1.2.2). */
    final void timedOut() {
        layer.stats.timeouts.increment();
        terminate();
        listener.onTimeout(this, synthesise(408));
    }

    @Override
    void sendFailed(Throwable cause) {
        terminate();
        if (request != null) { // after the final response the TU has its outcome already
            listener.onTransportError(this, synthesise(503), cause);
        }
    }

    /** Lane: the table was full; the TU hears 503 like for a transport failure. */
    final void refuse() {
        terminate();
        listener.onTransportError(this, synthesise(503), new IllegalStateException("too many client transactions"));
    }

    final SipResponse synthesise(int status) {
        SipResponse r = Responses.create(request, status);
        Responses.ensureToTag(r, Responses.newTag());
        return r;
    }

    final void sendRequest() {
        send(request, peer, true);
    }

    final void resendRequest() {
        layer.stats.requestsRetransmitted.increment();
        send(request, peer, true);
    }
}
