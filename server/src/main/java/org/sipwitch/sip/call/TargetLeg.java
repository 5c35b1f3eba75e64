package org.sipwitch.sip.call;

import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.routing.CallPlan;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;
import org.sipwitch.sip.transaction.Scheduler;

/**
 * One forked branch of a call toward one binding of the target, or toward an address
 * outside (a gateway's proxy, a foreign URI) (RFC 3261 §16.6 forking, done by a UAC per
 * branch since we are a B2BUA): the server as UAC, its own Call-ID, our From tag. Hears
 * its INVITE's responses on the call's lane and passes them to the session.
 */
final class TargetLeg extends Leg implements ClientTransactionListener {
    /** The registered device, or null for a leg outside. */
    final Binding binding;
    /** The trunk this leg goes through, or null: its 401/407 are answered with the gateway's credentials. */
    final Gateway gateway;
    /** P-Asserted-Identity for the INVITE, or null. */
    String asserted;
    ClientTransaction invite;
    /** The INVITE's CSeq number. */
    long inviteCseq;
    /** The final status of the INVITE, 0 while it has none. */
    int finalStatus;
    /** A late 2xx we answered with ACK + BYE: retransmissions get the ACK again only. */
    boolean released;
    /** The INVITE was sent again at the Contact address after the binding's connection failed. */
    boolean retried;
    /** The INVITE was sent again with credentials; a second challenge means they were refused. */
    boolean authenticated;
    /** Any response heard (a provider that says nothing is down). */
    boolean heard;
    Scheduler.Scheduled silence;
    /** The phone is held by another cluster node: the INVITE goes to that node, signed (never retried at the Contact). */
    final boolean throughNode;
    /** Cancelled at shutdown: the server waits for this fork's final response before closing. */
    boolean drained;

    TargetLeg(CallSession session, String callId, CallPlan.Branch branch) {
        this(session, callId, branch, branch.binding() == null ? null : session.ctx.routes.via(branch.binding()));
    }

    private TargetLeg(CallSession session, String callId, CallPlan.Branch branch, Peer node) {
        super(session, callId, node != null ? node : reach(branch));
        this.binding = branch.binding();
        this.gateway = branch.gateway();
        this.throughNode = node != null;
    }

    private static Peer reach(CallPlan.Branch branch) {
        return branch.binding() != null ? ContactPeer.reach(branch.binding()) : branch.peer();
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
        heard = true;
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
        if (!ours || binding == null || !session.retryAtContact(this)) {
            onFinal(tx, synthesised503);
        }
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        heard = true;
        if (response.isSuccess()) {
            session.targetAnswered(this, response);
        } else if (finalStatus == 0 && CallSession.cseqOf(response) == inviteCseq) {
            if (gateway != null && DigestAnswer.isChallenge(response) && !authenticated
                    && session.answerChallenge(this, response)) {
                return; // sent again with credentials: this fork is not settled yet
            }
            finalStatus = response.status();
            session.targetFailed(this, response);
        } // else: the answer to an INVITE we already replaced (challenged) or gave up on
        session.forkSettled(this);
    }
}
