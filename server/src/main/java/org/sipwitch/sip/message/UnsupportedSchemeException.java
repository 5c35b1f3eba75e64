package org.sipwitch.sip.message;

/** A well-formed URI of a scheme other than sip, sips and tel: answered {@code 416} in a Request-URI (RFC 3261 §8.2.2.1). */
public final class UnsupportedSchemeException extends SipParseException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSchemeException(String scheme) {
        super("Unsupported URI scheme " + scheme);
    }
}
