package org.sipwitch.sip.call;

import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * The caller's leg: the dialog the caller's INVITE creates, with the server as UAS.
 * Our To tag is the INVITE transaction's, so every response to it carries the same one.
 */
final class SourceLeg extends Leg {
    /** The INVITE that started the call; answered with the call's outcome. */
    final ServerTransaction invite;
    /** True once the caller got a final response to its INVITE. */
    boolean answered;

    SourceLeg(CallSession session, ServerTransaction invite) throws SipParseException {
        super(session, invite.request().callId(), invite.inbound().source());
        this.invite = invite;
        SipRequest request = invite.request();
        this.remote = request.from();
        this.local = request.to().withParam("tag", invite.localTag());
        this.remoteCseq = request.cseq().sequence();
        var contacts = request.contacts();
        this.remoteTarget = contacts.isEmpty() ? request.from().uri() : contacts.get(0).uri();
        this.routes = java.util.List.copyOf(request.headers().values(org.sipwitch.sip.message.HeaderNames.RECORD_ROUTE));
    }

    @Override
    boolean isSource() {
        return true;
    }

    NameAddress caller() {
        return remote;
    }
}
