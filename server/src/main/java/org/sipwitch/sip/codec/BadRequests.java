package org.sipwitch.sip.codec;

import org.sipwitch.sip.message.CSeq;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.HeaderValues;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipHeaders;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.StatusCodes;
import org.sipwitch.sip.message.Via;

/**
 * Builds the {@code 400 Bad Request} for a request that cannot be used (or the {@code 416}
 * / {@code 505} the head parser chose for an unknown URI scheme or SIP version). The client
 * matches a response to its transaction by the top Via branch and the CSeq method
 * (RFC 3261 §17.1.3), so those two must be readable; From, To and Call-ID are copied
 * when present. Responses and ACKs are never answered (RFC 3261 §17.1.1.3).
 */
final class BadRequests {
    private static final int MAX_REASON = 120;

    private BadRequests() {
    }

    /** The 400 to send back, or null when the input cannot be answered. */
    static SipResponse answer(ParsedHead head, String reason) {
        if (!head.request || "ACK".equals(head.method) || head.headers == null) {
            return null;
        }
        SipHeaders h = head.headers;
        String via = h.get(HeaderNames.VIA);
        String cseq = h.get(HeaderNames.CSEQ);
        if (via == null || cseq == null) {
            return null;
        }
        try {
            String top = HeaderValues.firstOfList(via);
            if (top == null) {
                return null;
            }
            Via.parse(top);
            if ("ACK".equals(CSeq.parse(cseq).method())) {
                return null;
            }
        } catch (SipParseException e) {
            return null;
        }
        int status = head.status;
        SipResponse r = Responses.create(h, status, status == 400 ? "Bad Request (" + sanitize(reason) + ")"
                : StatusCodes.reason(status));
        Responses.ensureToTag(r, Responses.newTag());
        return r;
    }

    /** Reason text goes into a start line: printable ASCII only, bounded, so input cannot inject lines. */
    static String sanitize(String reason) {
        int n = Math.min(reason.length(), MAX_REASON);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = reason.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
