package org.sipwitch.sip.call;

import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;

/**
 * One forked branch of a call toward one binding of the target (RFC 3261 §16.6
 * forking, done by a UAC per branch since we are a B2BUA): the server as UAC, its own
 * Call-ID, our From tag. Hears its INVITE's responses on the call's lane and passes
 * them to the session.
 */
final class TargetLeg extends Leg implements ClientTransactionListener {
    final Binding binding;
    ClientTransaction invite;
    /** The INVITE's CSeq number. */
    long inviteCseq;
    /** The final status of the INVITE, 0 while it has none. */
    int finalStatus;
    /** A late 2xx we answered with ACK + BYE: retransmissions get the ACK again only. */
    boolean released;
    /** The INVITE was sent again at the Contact address after the binding's connection failed. */
    boolean retried;
    /** The phone is held by another cluster node: the INVITE goes to that node, signed (never retried at the Contact). */
    final boolean throughNode;
    /** Cancelled at shutdown: the server waits for this fork's final response before closing. */
    boolean drained;

    TargetLeg(CallSession session, String callId, Binding binding) {
        this(session, callId, binding, session.ctx.routes.via(binding));
    }

    private TargetLeg(CallSession session, String callId, Binding binding, Peer node) {
        super(session, callId, node != null ? node : ContactPeer.reach(binding));
        this.binding = binding;
        this.throughNode = node != null;
    }

    @Override
    boolean isSource() {
        return false;
    }

    boolean isFinal() {
        return finalStatus != 0;
    }

    @Override
    public void onProvisional(ClientTransaction tx, SipResponse response) {
        session.targetProvisional(this, response);
    }

    /**
     * A phone registered over TCP/TLS is reached over its registration's connection; when
     * that is gone, it may still listen at its Contact address: try there once.
     */
    @Override
    public void onTransportError(ClientTransaction tx, SipResponse synthesised503, Throwable cause) {
        // not "tx == invite": a send can fail inside sendRequest, before it returned the transaction
        boolean ours = tx.request().isMethod("INVITE") && CallSession.cseqOf(tx.request()) == inviteCseq;
        if (!ours || !session.retryAtContact(this)) {
            onFinal(tx, synthesised503);
        }
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        if (response.isSuccess()) {
            session.targetAnswered(this, response);
        } else if (finalStatus == 0) {
            finalStatus = response.status();
            session.targetFailed(this, response);
        }
        session.forkSettled(this);
    }
}
