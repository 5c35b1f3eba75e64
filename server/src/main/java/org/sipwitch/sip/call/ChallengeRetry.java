package org.sipwitch.sip.call;

import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;

/**
 * An in-dialog request toward a provider (BYE, INFO, …) that the provider challenges is
 * sent once more with the gateway's credentials, as a new request of the dialog (next
 * CSeq); the answer to that one goes to the original listener. Toward phones, and for a
 * second challenge, responses pass straight through.
 */
final class ChallengeRetry implements ClientTransactionListener {
    private final CallSession call;
    private final Leg leg;
    private final SipRequest request;
    private final Gateway gateway;
    private final ClientTransactionListener inner;
    private boolean retried;

    private ChallengeRetry(CallSession call, Leg leg, SipRequest request, Gateway gateway,
                           ClientTransactionListener inner) {
        this.call = call;
        this.leg = leg;
        this.request = request;
        this.gateway = gateway;
        this.inner = inner;
    }

    /** Sends {@code request} on {@code leg}, answering one challenge when the leg goes through a gateway. */
    static void send(CallSession call, Leg leg, SipRequest request, ClientTransactionListener inner) {
        Gateway g = leg instanceof TargetLeg t ? t.gateway : null;
        ClientTransactionListener listener = g == null ? inner : new ChallengeRetry(call, leg, request, g, inner);
        call.ctx.layer.sendRequest(request, leg.peer, listener, call.lane);
    }

    @Override
    public void onProvisional(ClientTransaction tx, SipResponse response) {
        inner.onProvisional(tx, response);
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        if (!retried && DigestAnswer.isChallenge(response)) {
            var answer = gateway.credentials().answer(response, request);
            if (answer.isPresent()) {
                retried = true;
                SipRequest again = call.ctx.requests.inDialog(leg, request.method());
                LegRequests.copyPayload(request, again);
                again.addHeader(answer.get().name(), answer.get().value());
                call.ctx.layer.sendRequest(again, leg.peer, this, call.lane);
                return;
            }
        }
        inner.onFinal(tx, response);
    }
}
