package org.sipwitch.sip.server;

import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.GateDecision;
import org.sipwitch.sip.transport.InboundHandler;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.sip.transport.ResponseRouting;

/**
 * The access gate in front of the transaction layer: blocked, restricted, flooding
 * or shed requests are refused or dropped before they cost a transaction. Runs on
 * the event loop, so the gate's decision must stay lock-free. Responses pass
 * untouched: they can only match transactions we started.
 */
public final class GatedInbound implements InboundHandler {
    private final AccessGate gate;
    private final InboundHandler next;
    private final MessageSender sender;

    public GatedInbound(AccessGate gate, InboundHandler next, MessageSender sender) {
        this.gate = gate;
        this.next = next;
        this.sender = sender;
    }

    @Override
    public void onMessage(InboundMessage in) {
        if (!(in.message() instanceof SipRequest request)) {
            next.onMessage(in);
            return;
        }
        GateDecision d = gate.decide(in.source().address().getAddress(), request.method(),
                in.source().transport().isReliable(), kind(request));
        if (d.allowed()) {
            next.onMessage(in);
            return;
        }
        int status = d.statusCode();
        if (status == 0) {
            return; // dropped: no answer, no transaction
        }
        // stateless answer: a retransmission just gets the same answer again
        SipResponse r = Responses.create(request, status);
        Responses.ensureToTag(r, Responses.newTag());
        if (d.retryAfter() > 0) {
            r.setHeader(HeaderNames.RETRY_AFTER, Integer.toString(d.retryAfter()));
        }
        sender.send(r, ResponseRouting.destination(in));
    }

    /**
     * In a dialog when its To has a tag (RFC 3261 §12.2): a re-INVITE, UPDATE, INFO,
     * NOTIFY or BYE of a call already accepted. A To that does not parse is left to the
     * layers behind, which answer it properly; here it counts as new work.
     */
    static AccessGate.Request kind(SipRequest request) {
        try {
            if (request.to().tag() != null) {
                return AccessGate.Request.IN_DIALOG;
            }
        } catch (SipParseException e) {
            return AccessGate.Request.INITIAL;
        }
        return request.headers().contains(HeaderNames.AUTHORIZATION)
                || request.headers().contains(HeaderNames.PROXY_AUTHORIZATION)
                ? AccessGate.Request.CREDENTIALED : AccessGate.Request.INITIAL;
    }
}
