package org.sipwitch.sip.codec;

/**
 * The byte stream cannot be cut into messages any more (over-size line or message,
 * bad Content-Length). On a stream the connection must be closed after it. Thrown on
 * hostile input, so it carries no stack trace.
 */
final class FramingException extends Exception {
    private static final long serialVersionUID = 1L;

    FramingException(String reason) {
        super(reason, null, false, false);
    }
}
