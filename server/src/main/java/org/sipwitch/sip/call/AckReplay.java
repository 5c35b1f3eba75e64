package org.sipwitch.sip.call;

import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.transaction.InviteClientTransaction;

/**
 * What an ended call leaves behind on a leg whose INVITE was answered: the ACK of that
 * 2xx, as bytes, for the phone that did not hear it and sends the 2xx again while the
 * INVITE transaction lingers (RFC 3261 §13.2.2.4, RFC 6026 Timer M). The transaction
 * layer keeps those bytes outside the heap and answers each repeated 2xx with them, so
 * the whole call (both legs, their addresses, relay and probe) is collected when it
 * ends instead of 32 s later; an ACK it cannot send is counted by {@link AckSender}.
 */
final class AckReplay {
    private AckReplay() {
    }

    /** Lane: hands {@code leg}'s answered INVITE over to a replay of its last ACK (or to nothing, if none was sent). */
    static void takeOver(CallSession call, TargetLeg leg) {
        if (!(leg.invite instanceof InviteClientTransaction invite) || invite.isTerminated()) {
            return;
        }
        if (leg.ackedCseq < 0) {
            invite.replayAck(null, -1); // no ACK to repeat: the 2xx was never ACKed (delayed offer, call ended first)
            return;
        }
        SipRequest again = call.ctx.requests.ack(leg, leg.ackedCseq, leg.ackPayload);
        invite.replayAck(SipEncoder.toBytes(again), leg.ackedCseq);
    }
}
