package org.sipwitch.sip.call;

import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;

/**
 * What an ended call leaves behind on a leg whose INVITE was answered: the ACK of that
 * 2xx, as bytes, for the phone that did not hear it and sends the 2xx again while the
 * INVITE transaction lingers (RFC 3261 §13.2.2.4, RFC 6026 Timer M). Taking over from
 * the leg lets the whole call (both legs, their addresses, relay and probe) be
 * collected when it ends instead of 32 s later.
 */
final class AckReplay implements ClientTransactionListener {
    private final AckSender sender;
    private final Peer peer;
    private final long cseq;
    private final byte[] ack;

    private AckReplay(AckSender sender, Peer peer, long cseq, byte[] ack) {
        this.sender = sender;
        this.peer = peer;
        this.cseq = cseq;
        this.ack = ack;
    }

    /** Lane: hands {@code leg}'s answered INVITE over to a replay of its last ACK (or to nothing, if none was sent). */
    static void takeOver(CallSession call, TargetLeg leg) {
        ClientTransaction invite = leg.invite;
        if (invite == null || invite.isTerminated()) {
            return;
        }
        if (leg.ackedCseq < 0) {
            invite.redirect(IGNORE); // no ACK to repeat: the 2xx was never ACKed (delayed offer, call ended first)
            return;
        }
        SipRequest again = call.ctx.requests.ack(leg, leg.ackedCseq, leg.ackPayload);
        invite.redirect(new AckReplay(call.ctx.acks, leg.peer, leg.ackedCseq, SipEncoder.toBytes(again)));
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        if (response.isSuccess() && CallSession.cseqOf(response) == cseq) {
            sender.sendEncoded(ack, peer); // a failure is counted and logged there; the phone sends its 2xx again
        }
    }
}
