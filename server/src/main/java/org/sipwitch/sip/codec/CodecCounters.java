package org.sipwitch.sip.codec;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the decoders did with what they received, shared by every channel of a
 * listener set. LongAdder, because many event loops bump them at once and they are
 * read rarely (stats, tests).
 */
public final class CodecCounters {
    private final LongAdder decoded = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder keepAlives = new LongAdder();
    private final LongAdder headTimeouts = new LongAdder();

    /** Well-formed messages handed on. */
    public long decoded() {
        return decoded.sum();
    }

    /** Malformed requests answered with {@code 400 Bad Request}. */
    public long malformedAnswered() {
        return answered.sum();
    }

    /** Malformed input that could not be answered: garbage, bad responses, ACKs, over-size frames. */
    public long dropped() {
        return dropped.sum();
    }

    /** CRLF keep-alives seen (RFC 5626 §3.5.1 pings on streams, lone CRLF datagrams). */
    public long keepAlives() {
        return keepAlives.sum();
    }

    /** Stream connections closed because a message head did not complete within {@code <head-timeout>}. */
    public long headTimeouts() {
        return headTimeouts.sum();
    }

    void onHeadTimeout() {
        headTimeouts.increment();
    }

    void onDecoded() {
        decoded.increment();
    }

    /** The transport sent the 400 of a {@link MalformedMessage}. */
    public void onAnswered() {
        answered.increment();
    }

    /** Malformed input nobody answers: the decoder's own drops, and {@link MalformedMessage}s the transport did not answer. */
    public void onDropped() {
        dropped.increment();
    }

    public void onKeepAlive() {
        keepAlives.increment();
    }

    @Override
    public String toString() {
        return "decoded=" + decoded() + " answered=" + malformedAnswered() + " dropped=" + dropped()
                + " keepAlives=" + keepAlives();
    }
}
