package org.sipwitch.sip.call;

import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;

/**
 * An in-dialog request toward a provider (BYE, INFO, a re-INVITE, …) that the provider
 * challenges is sent once more with the gateway's credentials, as a new request of the
 * dialog (next CSeq); the answer to that one goes to the original listener, so a 2xx
 * that reaches it carries the CSeq to ACK. Toward phones, and for a second challenge,
 * responses pass straight through. Lane-confined, like the call it belongs to.
 */
final class ChallengeRetry implements ClientTransactionListener {
    private final CallSession call;
    private final Leg leg;
    private final SipRequest request;
    private final Gateway gateway;
    private final ClientTransactionListener inner;
    /** The transaction in progress: the first request's, then the retried one's. */
    private ClientTransaction current;
    private boolean retried;
    private boolean cancelled;

    private ChallengeRetry(CallSession call, Leg leg, SipRequest request, Gateway gateway,
                           ClientTransactionListener inner) {
        this.call = call;
        this.leg = leg;
        this.request = request;
        this.gateway = gateway;
        this.inner = inner;
    }

    /**
     * Sends {@code request} on {@code leg}, answering one challenge when the leg goes through
     * a gateway; the handle cancels whichever of the two requests is in progress.
     */
    static ChallengeRetry send(CallSession call, Leg leg, SipRequest request, ClientTransactionListener inner) {
        ChallengeRetry r = new ChallengeRetry(call, leg, request, leg instanceof TargetLeg t ? t.gateway : null, inner);
        r.current = call.ctx.layer.sendRequest(request, leg.peer, r, call.lane);
        return r;
    }

    /** Lane: the phone cancelled the re-INVITE this relays. */
    void cancel() {
        cancelled = true;
        current.cancel();
    }

    @Override
    public void onProvisional(ClientTransaction tx, SipResponse response) {
        inner.onProvisional(tx, response);
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        if (gateway != null && !retried && DigestAnswer.isChallenge(response)) {
            if (cancelled) {
                // the challenge crossed the CANCEL: the request ends as cancelled, the phone never sees the 407
                inner.onFinal(tx, Responses.create(tx.request(), 487));
                return;
            }
            var answer = gateway.credentials().answer(response, request);
            if (answer.isPresent()) {
                retried = true;
                SipRequest again = call.ctx.requests.inDialog(leg, request.method());
                LegRequests.copyPayload(request, again);
                again.addHeader(answer.get().name(), answer.get().value());
                current = call.ctx.layer.sendRequest(again, leg.peer, this, call.lane);
                return;
            }
        }
        inner.onFinal(tx, response);
    }
}
