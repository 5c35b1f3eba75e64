package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;

/**
 * Finds the blank line that ends a message head, enforcing the line-length, line-count
 * and size limits while it looks. It remembers how far it got, so a head that arrives
 * one byte per read is scanned once in total, not once per read.
 *
 * <p>Lines are found with {@link ByteBuf#indexOf}, which tests several bytes per step,
 * rather than by visiting every byte: this scan runs over every message head and was the
 * largest single cost of parsing. CR bytes do not count towards a line's length, and a
 * line made only of CRs is blank, as when bytes were counted one by one.
 */
final class HeadScanner {
    private final SipLimits limits;
    private int scanned;
    private int lineLength;
    private int lines;

    HeadScanner(SipLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans {@code buf} from its reader index up to {@code end}.
     *
     * @return the length of the head including its blank line, or -1 when the blank line has not arrived yet
     */
    int scan(ByteBuf buf, int end) throws FramingException {
        int pos = buf.readerIndex() + scanned;
        if (end - pos <= 0) {
            return -1;
        }
        while (pos < end) {
            int lf = buf.indexOf(pos, end, (byte) '\n');
            if (lf < 0) {
                // a partial line: count it now, so that its bytes are never looked at again
                lineLength += lengthWithoutCr(buf, pos, end);
                if (lineLength > limits.maxLineLength()) {
                    fail("Line too long");
                }
                break;
            }
            int length = lf - pos;
            if (lineLength + length > limits.maxLineLength() || (lineLength == 0 && buf.getByte(pos) == '\r')) {
                length = lengthWithoutCr(buf, pos, lf);
            }
            lineLength += length;
            if (lineLength == 0) {
                int headLength = lf + 1 - buf.readerIndex();
                reset();
                if (headLength > limits.maxMessageSize()) {
                    throw new FramingException("Message too large");
                }
                return headLength;
            }
            if (lineLength > limits.maxLineLength()) {
                fail("Line too long");
            }
            if (++lines > limits.maxHeaderCount() + 1) {
                fail("Too many headers");
            }
            lineLength = 0;
            pos = lf + 1;
        }
        scanned = end - buf.readerIndex();
        if (scanned > limits.maxMessageSize()) {
            reset();
            throw new FramingException("Message too large");
        }
        return -1;
    }

    private void fail(String reason) throws FramingException {
        reset();
        throw new FramingException(reason);
    }

    private static int lengthWithoutCr(ByteBuf buf, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf.getByte(i) != '\r') {
                n++;
            }
        }
        return n;
    }

    void reset() {
        scanned = 0;
        lineLength = 0;
        lines = 0;
    }
}
