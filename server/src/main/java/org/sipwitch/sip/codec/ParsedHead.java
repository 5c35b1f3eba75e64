package org.sipwitch.sip.codec;

import org.sipwitch.sip.message.SipHeaders;
import org.sipwitch.sip.message.SipMessage;

/**
 * What the head parser made of a start line and headers. Parsing goes on past the
 * first error so that a bad request still yields the headers needed to answer it.
 */
final class ParsedHead {
    /** The message, or null when the start line could not be parsed. */
    SipMessage message;
    /** The headers read; the message's own headers when there is a message. */
    SipHeaders headers;
    /** False only for start lines that begin with "SIP/" (responses are never answered). */
    boolean request = true;
    /** The request method token as sent, when readable. */
    String method;
    /** The first thing found wrong, in words fit for a reason phrase; null when well-formed. */
    String error;

    void fail(String reason) {
        if (error == null) {
            error = reason;
        }
    }
}
