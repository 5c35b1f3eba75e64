package org.sipwitch.sip.message;

/**
 * A message, header or URI that does not follow the RFC 3261 grammar. The message
 * is the reason phrase we put in a {@code 400 Bad Request}, so it must say what was
 * wrong in words an operator reading a trace understands, and never echo secrets.
 */
public class SipParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public SipParseException(String reason) {
        super(reason, null, false, false); // thrown on hostile input: no stack trace cost
    }
}
