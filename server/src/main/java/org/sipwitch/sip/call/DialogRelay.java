package org.sipwitch.sip.call;

import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;
import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * Requests inside an established call, relayed from one leg's dialog into the other's
 * (RFC 3261 §12.2): BYE ends the call, a re-INVITE (hold, resume, new media) becomes a
 * re-INVITE on the other leg with its ACK relayed when the answer is in it, and INFO,
 * UPDATE, MESSAGE and other methods go across with their body; the far phone's
 * response comes back to the sender. One re-INVITE at a time per call: a second one
 * meanwhile gets {@code 491 Request Pending} (§14.1). Toward a provider, every request
 * that it challenges is answered once with the gateway's credentials ({@link ChallengeRetry}).
 */
final class DialogRelay {
    private final CallSession call;
    private ServerTransaction pendingInvite;
    private ChallengeRetry pendingOut;

    DialogRelay(CallSession call) {
        this.call = call;
    }

    /** Lane: a new in-dialog request on {@code from}. */
    void onRequest(Leg from, ServerTransaction tx) {
        SipRequest request = tx.request();
        long cseq = CallSession.cseqOf(request);
        if (cseq <= from.remoteCseq) {
            tx.respond(500); // §12.2.2: out of order
            return;
        }
        from.remoteCseq = cseq;
        if (request.isMethod("BYE")) {
            tx.respond(200);
            call.hangup(from, "hangup");
            return;
        }
        Leg to = call.other(from);
        if (to == null || call.isEnded()) {
            tx.respond(request.isMethod("INVITE") || request.isMethod("UPDATE") ? 491 : 481);
            return;
        }
        if (request.isMethod("INVITE")) {
            reinvite(from, to, tx);
        } else {
            relay(to, tx);
        }
    }

    private void relay(Leg to, ServerTransaction tx) {
        SipRequest out = call.ctx.requests.inDialog(to, tx.request().method());
        LegRequests.copyPayload(tx.request(), out);
        ChallengeRetry.send(call, to, out, (ctx, response) -> {
            SipResponse back = tx.createResponse(response.status());
            LegRequests.copyPayload(response, back);
            tx.respond(back);
        });
    }

    private void reinvite(Leg from, Leg to, ServerTransaction tx) {
        if (pendingInvite != null) {
            tx.respond(491); // glare (§14.1): the phone retries after a random wait
            return;
        }
        SipRequest offer = tx.request();
        SipRequest out = call.ctx.requests.inDialog(to, "INVITE");
        LegRequests.copyPayload(offer, out);
        pendingInvite = tx;
        // through ChallengeRetry: providers often challenge every re-INVITE, and the phone must not see that 407
        ChallengeRetry sent = ChallengeRetry.send(call, to, out, new ClientTransactionListener() {
            private boolean done;

            @Override
            public void onProvisional(ClientTransaction ctx, SipResponse response) {
                if (response.status() > 100 && !done) {
                    SipResponse back = tx.createResponse(response.status());
                    LegRequests.copyPayload(response, back);
                    tx.respond(back);
                }
            }

            @Override
            public void onFinal(ClientTransaction ctx, SipResponse response) {
                // the CSeq to ACK is the 2xx's own: after a challenge it answers the retried request, not the first
                long cseq = CallSession.cseqOf(response);
                if (done) {
                    if (response.isSuccess()) {
                        call.ackAgain(to, cseq); // retransmitted 2xx
                    }
                    return;
                }
                done = true;
                pendingInvite = null;
                pendingOut = null;
                if (!response.isSuccess()) {
                    SipResponse back = tx.createResponse(response.status());
                    LegRequests.copyPayload(response, back);
                    tx.respond(back);
                    return;
                }
                updateTarget(to, response);
                if (offer.body().length > 0) {
                    call.ackNow(to, cseq, null);
                } else {
                    to.unacked = response; // the offer is in this 2xx; the answer comes in the ACK
                }
                SipResponse ok = tx.createResponse(response.status());
                ok.addHeader(HeaderNames.CONTACT, call.ctx.requests.contact(from.local.uri().user(), from.peer));
                LegRequests.copyPayload(response, ok);
                tx.respondUntilAck(ok, null);
                holdState(offer);
            }
        });
        if (pendingInvite == tx) { // not already answered by a send that failed at once
            pendingOut = sent;
        }
    }

    /** Lane: a CANCEL for a re-INVITE being relayed: cancel our re-INVITE on the other leg (the retried one, if challenged). */
    boolean cancel(ServerTransaction invite) {
        if (invite != pendingInvite || pendingOut == null) {
            return false;
        }
        pendingOut.cancel();
        return true;
    }

    /** Lane: an ACK for a 2xx on {@code from}; relays it when the other leg still waits for the answer. */
    void onAck(Leg from, SipRequest ack) {
        if (from.isSource() && call.state() == CallState.CONNECTING) {
            call.setState(CallState.JOINED);
        }
        Leg to = call.other(from);
        if (to != null && to.unacked != null) {
            call.ackNow(to, CallSession.cseqOf(to.unacked), ack);
        }
    }

    private static void updateTarget(Leg leg, SipResponse response) {
        try {
            for (NameAddress c : response.contacts()) {
                leg.remoteTarget = c.uri(); // §12.2.1.2: a target refresh
                return;
            }
        } catch (SipParseException e) {
            // keep the old target
        }
    }

    /** Hold is an offer with sendonly or inactive media (RFC 3264 §8.4); anything else resumes. */
    private void holdState(SipRequest offer) {
        if (offer.body().length == 0) {
            return;
        }
        String sdp = new String(offer.body(), StandardCharsets.US_ASCII);
        boolean hold = sdp.contains("a=sendonly") || sdp.contains("a=inactive") || sdp.contains("c=IN IP4 0.0.0.0");
        call.setState(hold ? CallState.HOLDING : CallState.JOINED);
    }
}
