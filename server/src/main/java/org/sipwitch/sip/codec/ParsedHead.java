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
    /** The status that answers {@link #error}: 400, or what the RFC names for that fault (416, 505). */
    int status = 400;

    void fail(String reason) {
        fail(400, reason);
    }

    void fail(int code, String reason) {
        if (error == null) {
            error = reason;
            status = code;
        }
    }
}
