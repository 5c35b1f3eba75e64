package org.sipwitch.sip.codec;

import org.sipwitch.sip.message.CSeq;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipHeaders;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;

/**
 * The headers every transaction relies on (RFC 3261 §8.1.1): Via, From, To, Call-ID,
 * CSeq, plus a sane Max-Forwards when present. Checked once here so that the layers
 * above can call the typed accessors on a decoded message without failing.
 */
final class MandatoryHeaders {
    /** Headers that may appear once only (RFC 3261 §20, no comma list); compact forms are the same name. */
    private static final java.util.List<String> SINGLE = java.util.List.of(HeaderNames.CSEQ, HeaderNames.CALL_ID,
            HeaderNames.FROM, HeaderNames.TO, HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH);
    private MandatoryHeaders() {
    }

    /** Why the message is not usable, or null when it is. */
    static String check(SipMessage message) {
        SipHeaders h = message.headers();
        for (String name : SINGLE) {
            if (h.count(name) > 1) {
                // which one would "win" differs between stacks: refuse rather than guess (RFC 4475 §3.1.2.19)
                return "Duplicate " + name;
            }
        }
        if (h.get(HeaderNames.VIA) == null) {
            return "Missing Via";
        }
        try {
            message.topVia();
        } catch (SipParseException e) {
            return "Bad Via: " + e.getMessage();
        }
        String problem = address(message, h, HeaderNames.FROM);
        if (problem == null) {
            problem = address(message, h, HeaderNames.TO);
        }
        if (problem != null) {
            return problem;
        }
        String callId = h.get(HeaderNames.CALL_ID);
        if (callId == null || callId.isEmpty()) {
            return "Missing Call-ID";
        }
        if (h.get(HeaderNames.CSEQ) == null) {
            return "Missing CSeq";
        }
        CSeq cseq;
        try {
            cseq = message.cseq();
        } catch (SipParseException e) {
            return "Bad CSeq";
        }
        if (message instanceof SipRequest r && !r.method().equals(cseq.method())) {
            return "CSeq method does not match request method";
        }
        try {
            message.maxForwards();
        } catch (SipParseException e) {
            return "Bad Max-Forwards";
        }
        return null;
    }

    private static String address(SipMessage message, SipHeaders h, String name) {
        String v = h.get(name);
        if (v == null) {
            return "Missing " + name;
        }
        try {
            // through the message, so the parse is kept for the layers above (SipMessage's memo)
            if (HeaderNames.FROM.equals(name)) {
                message.from();
            } else {
                message.to();
            }
            return null;
        } catch (SipParseException e) {
            return "Bad " + name + ": " + e.getMessage();
        }
    }
}
