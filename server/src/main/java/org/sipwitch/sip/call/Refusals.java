package org.sipwitch.sip.call;

import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

/** Final error responses made outside a transaction's own {@code createResponse} (with a To tag, §8.2.6.2). */
final class Refusals {
    private Refusals() {
    }

    static SipResponse of(SipRequest request, int status, String reason) {
        SipResponse r = Responses.create(request, status, reason);
        Responses.ensureToTag(r, Responses.newTag());
        return r;
    }
}
