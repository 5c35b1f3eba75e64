package org.sipwitch.sip.transaction;

import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;

/**
 * The core above the transaction layer (method router, registrar, B2BUA). Every
 * callback runs on the lane of the message's Call-ID, one at a time per Call-ID, so
 * implementations keep call state without locks. Callbacks must not block.
 */
public interface TransactionUser {

    /**
     * A new request, in a new server transaction; called once per transaction, never
     * for its retransmissions. Answer with {@link ServerTransaction#respond}, now or
     * later, from any thread. A CANCEL arrives here only when its INVITE transaction
     * is still undecided ({@link TransactionLayer#findInviteFor}); otherwise the layer
     * answers it: 200 when the INVITE has its final response (§9.2), 481 when there is none.
     */
    void onRequest(ServerTransaction tx);

    /**
     * An ACK that belongs to no transaction: the ACK of a 2xx, which the dialog layer
     * owns (RFC 3261 §13.2.2.4, §17.1.1.3). If it acknowledges a 2xx sent with
     * {@link ServerTransaction#respondUntilAck}, the retransmissions have already stopped.
     */
    void onAck(InboundMessage ack);

    /**
     * A response matching no client transaction: typically a 2xx retransmitted after
     * the INVITE client transaction ended (RFC 6026 §8.4), which the dialog must ACK.
     */
    void onStrayResponse(InboundMessage response);

    /**
     * A server transaction ended without its final exchange: Timer H (no ACK for a
     * non-2xx final response), or the TU never answered (the layer answered 408 for an
     * INVITE after Timer C; a non-INVITE is dropped after 64*T1).
     */
    default void onServerTimeout(ServerTransaction tx) {
    }

    /**
     * An ACK that the layer sent again for a TU, to a 2xx retransmitted after the TU handed
     * that ACK over ({@link InviteClientTransaction#replayAck}), could not be sent. Nothing
     * is retried: the phone sends its 2xx again.
     */
    default void onAckNotResent(Peer to, Throwable cause) {
    }

    /** A response of a server transaction could not be sent; the transaction is gone. */
    default void onServerTransportError(ServerTransaction tx, Throwable cause) {
    }
}
