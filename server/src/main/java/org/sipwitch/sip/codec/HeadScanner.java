package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Finds the blank line that ends a message head, enforcing the line-length, line-count
 * and size limits while it looks. It remembers how far it got, so a head that arrives
 * one byte per read is scanned once in total, not once per read.
 */
final class HeadScanner implements ByteProcessor {
    private final SipLimits limits;
    private int scanned;
    private int lineLength;
    private int lines;
    private String error;

    HeadScanner(SipLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans {@code buf} from its reader index up to {@code end}.
     *
     * @return the length of the head including its blank line, or -1 when the blank line has not arrived yet
     */
    int scan(ByteBuf buf, int end) throws FramingException {
        int from = buf.readerIndex() + scanned;
        int length = end - from;
        if (length <= 0) {
            return -1;
        }
        int found = buf.forEachByte(from, length, this);
        if (error != null) {
            String e = error;
            reset();
            throw new FramingException(e);
        }
        if (found < 0) {
            scanned += length;
            if (scanned > limits.maxMessageSize()) {
                reset();
                throw new FramingException("Message too large");
            }
            return -1;
        }
        int headLength = found + 1 - buf.readerIndex();
        reset();
        if (headLength > limits.maxMessageSize()) {
            throw new FramingException("Message too large");
        }
        return headLength;
    }

    void reset() {
        scanned = 0;
        lineLength = 0;
        lines = 0;
        error = null;
    }

    @Override
    public boolean process(byte b) {
        if (b == '\n') {
            if (lineLength == 0) {
                return false; // the blank line
            }
            if (++lines > limits.maxHeaderCount() + 1) {
                error = "Too many headers";
                return false;
            }
            lineLength = 0;
        } else if (b != '\r') {
            if (++lineLength > limits.maxLineLength()) {
                error = "Line too long";
                return false;
            }
        }
        return true;
    }
}
