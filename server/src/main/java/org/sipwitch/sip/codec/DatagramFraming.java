package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;

/**
 * The datagram rules of RFC 3261 §18.3, shared by {@link SipDatagramDecoder} and
 * {@link SipParser}: one message per datagram, the rest of it is the body unless
 * Content-Length says less, never more; a head without its blank line ends at the
 * end of the datagram; CR/LF only is a keep-alive.
 */
final class DatagramFraming {
    private final SipLimits limits;
    private final HeadScanner scanner;
    private final HeadParser parser;

    DatagramFraming(SipLimits limits) {
        this.limits = limits;
        this.scanner = new HeadScanner(limits);
        this.parser = new HeadParser(limits);
    }

    /** Frames and parses the readable bytes of {@code buf}; moves its reader index. */
    MessageAssembler.Outcome frame(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - start > limits.maxMessageSize()) {
            return MessageAssembler.Outcome.dropped("Message too large");
        }
        while (start < end && (buf.getByte(start) == '\r' || buf.getByte(start) == '\n')) {
            start++;
        }
        if (start == end) {
            return MessageAssembler.Outcome.KEEP_ALIVE;
        }
        buf.readerIndex(start);
        scanner.reset();
        int headLength;
        try {
            headLength = scanner.scan(buf, end);
        } catch (FramingException e) {
            return MessageAssembler.Outcome.dropped(e.getMessage());
        }
        int headTo = headLength < 0 ? end : SipStreamDecoder.blankLineStart(buf, start, start + headLength);
        int bodyStart = headLength < 0 ? end : start + headLength;
        ParsedHead head = parser.parse(buf, start, headTo);
        int rest = end - bodyStart;
        int length;
        try {
            length = ContentLength.of(head.headers, limits);
        } catch (FramingException e) {
            return MessageAssembler.Outcome.rejected(head, e.getMessage());
        }
        if (length == ContentLength.ABSENT) {
            if (rest > limits.maxBodySize()) {
                return MessageAssembler.Outcome.rejected(head, "Body too large");
            }
            length = rest;
        } else if (length > rest) {
            return MessageAssembler.Outcome.rejected(head, "Content-Length larger than the message");
        }
        return MessageAssembler.assemble(head, buf, bodyStart, length);
    }
}
