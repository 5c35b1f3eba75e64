package org.sipwitch.sip.codec;

/**
 * Hard limits on what the decoders accept, so that a hostile peer cannot make us
 * buffer or parse without bound. Every limit is checked before the bytes it guards
 * are kept: a stream that exceeds one is answered (when possible) and closed.
 *
 * @param maxMessageSize bytes of start line + headers + body
 * @param maxHeaderCount header lines (folded continuation lines count as lines)
 * @param maxLineLength  bytes of one line, CRLF excluded
 * @param maxBodySize    bytes of the body (Content-Length, or the rest of a datagram)
 */
public record SipLimits(int maxMessageSize, int maxHeaderCount, int maxLineLength, int maxBodySize) {

    public SipLimits {
        if (maxMessageSize <= 0 || maxHeaderCount <= 0 || maxLineLength <= 0 || maxBodySize < 0) {
            throw new IllegalArgumentException("SIP limits must be positive: " + maxMessageSize + ", "
                    + maxHeaderCount + ", " + maxLineLength + ", " + maxBodySize);
        }
    }

    /** A UDP datagram holds at most 65,507 bytes; streams get the same ceiling so both behave alike. */
    public static SipLimits defaults() {
        return new SipLimits(65_535, 128, 8_192, 65_535);
    }

    /** The same limits with another ceiling for a whole message (and so for its body). */
    public SipLimits withMaxMessageSize(int size) {
        return new SipLimits(size, maxHeaderCount, maxLineLength, Math.min(maxBodySize, size));
    }
}
