package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;

/**
 * The decoder's parser without a channel: one complete message (datagram rules) in,
 * a checked {@link SipMessage} out. For tools, tests and benchmarks; the listeners use
 * the decoders. Not thread-safe: one instance per thread.
 */
public final class SipParser {
    private final DatagramFraming framing;

    public SipParser(SipLimits limits) {
        this.framing = new DatagramFraming(limits);
    }

    /** Parses the readable bytes of {@code buf} (the reader index moves; the buffer is not released). */
    public SipMessage parse(ByteBuf buf) throws SipParseException {
        MessageAssembler.Outcome outcome = framing.frame(buf);
        if (outcome.message() != null) {
            return outcome.message();
        }
        throw new SipParseException(outcome.isKeepAlive() ? "Keep-alive, no message" : outcome.reason());
    }

    public SipMessage parse(byte[] bytes) throws SipParseException {
        return parse(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Our own encoding ({@link SipEncoder#toBytes}) back as a message, for the rare reader
     * of a kept response (a trace, a sender that takes only messages); default limits.
     */
    public static SipMessage parseOwn(byte[] wire) throws SipParseException {
        return new SipParser(SipLimits.defaults()).parse(wire);
    }
}
