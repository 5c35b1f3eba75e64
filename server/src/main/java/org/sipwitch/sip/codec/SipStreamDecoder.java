package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a TCP/TLS byte stream into SIP messages by Content-Length (RFC 3261 §18.3) and
 * emits {@link InboundMessage}s. CRLFs between messages are skipped; a double CRLF
 * there is an RFC 5626 §3.5.1 keep-alive ping and gets a single CRLF pong. A message
 * that frames correctly but is unusable goes on as a {@link MalformedMessage} (its 400,
 * if the head allows one) and the stream goes on; when the framing itself is lost
 * (over-size, bad or missing Content-Length) the {@link MalformedMessage} says so, the
 * transport answers if possible and closes, and this decoder ignores the rest.
 * Never throws: hostile input must not reach the pipeline's exception path.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(SipStreamDecoder.class);
    private static final ByteBuf PONG = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();

    private enum State { SKIP_CRLF, READ_HEAD, READ_BODY, DISCARD }

    private final SipLimits limits;
    private final CodecCounters counters;
    private final Transport transport;
    private final HeadScanner scanner;
    private final HeadParser parser;
    private State state = State.SKIP_CRLF;
    private int lineFeeds;
    private ParsedHead head;
    private int bodyLength;
    private Peer peer;
    /** Deadline for a head to complete once its first byte came (slow-loris senders); 0 = none. */
    private final long headTimeoutMillis;
    private ScheduledFuture<?> headTimer;

    public SipStreamDecoder(SipLimits limits, CodecCounters counters, Transport transport) {
        this(limits, counters, transport, 0);
    }

    public SipStreamDecoder(SipLimits limits, CodecCounters counters, Transport transport, long headTimeoutMillis) {
        this.headTimeoutMillis = headTimeoutMillis;
        this.limits = limits;
        this.counters = counters;
        this.transport = transport;
        this.scanner = new HeadScanner(limits);
        this.parser = new HeadParser(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            step(ctx, in, out);
        } catch (RuntimeException e) {
            // a bug of ours, not the peer's: lose this connection, never the event loop
            LOG.warn("Decoder failure on {}", ctx.channel().remoteAddress(), e);
            in.skipBytes(in.readableBytes());
            fail(ctx, in, out, null, "Internal decoder error");
        }
    }

    private void step(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case SKIP_CRLF:
                if (!skipCrlf(ctx, in)) {
                    return;
                }
                state = State.READ_HEAD;
                startHeadTimer(ctx);
                // fall through
            case READ_HEAD:
                if (!readHead(ctx, in, out)) {
                    return;
                }
                stopHeadTimer();
                state = State.READ_BODY;
                // fall through
            case READ_BODY:
                if (in.readableBytes() < bodyLength) {
                    return;
                }
                MessageAssembler.Outcome outcome = MessageAssembler.assemble(head, in, in.readerIndex(), bodyLength);
                in.skipBytes(bodyLength);
                head = null;
                state = State.SKIP_CRLF;
                deliver(ctx, outcome, out);
                return;
            case DISCARD:
            default:
                in.skipBytes(in.readableBytes());
        }
    }

    /**
     * A client that trickles a head one byte at a time would hold its connection (and its
     * slot) for ever; once the first byte of a head is in, the rest must follow in time.
     */
    private void startHeadTimer(ChannelHandlerContext ctx) {
        if (headTimeoutMillis <= 0 || headTimer != null) {
            return;
        }
        headTimer = ctx.executor().schedule(() -> {
            headTimer = null;
            if (state != State.READ_HEAD) {
                return;
            }
            counters.onHeadTimeout();
            state = State.DISCARD;
            head = null;
            ctx.fireChannelRead(new MalformedMessage(null, "Message head not complete within "
                    + headTimeoutMillis / 1000 + " s", peer(ctx).address(), true));
        }, headTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void stopHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        stopHeadTimer();
    }

    /** Skips CR/LF before a message, answering pings; true when a message starts at the reader index. */
    private boolean skipCrlf(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '\n') {
                in.skipBytes(1);
                if (++lineFeeds == 2) {
                    lineFeeds = 0;
                    counters.onKeepAlive();
                    ctx.writeAndFlush(PONG.duplicate());
                }
            } else if (b == '\r') {
                in.skipBytes(1);
            } else {
                lineFeeds = 0;
                return true;
            }
        }
        return false;
    }

    /** Reads a complete head and its Content-Length; false when more bytes are needed or framing failed. */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int headLength;
        try {
            headLength = scanner.scan(in, in.writerIndex());
        } catch (FramingException e) {
            fail(ctx, in, out, null, e.getMessage());
            return false;
        }
        if (headLength < 0) {
            return false;
        }
        int start = in.readerIndex();
        ParsedHead parsed = parser.parse(in, start, blankLineStart(in, start, start + headLength));
        int length;
        try {
            length = ContentLength.of(parsed.headers, limits);
        } catch (FramingException e) {
            fail(ctx, in, out, parsed, e.getMessage());
            return false;
        }
        if (length == ContentLength.ABSENT) {
            fail(ctx, in, out, parsed, "Missing Content-Length");
            return false;
        }
        if ((long) headLength + length > limits.maxMessageSize()) {
            fail(ctx, in, out, parsed, "Message too large");
            return false;
        }
        in.skipBytes(headLength);
        head = parsed;
        bodyLength = length;
        return true;
    }

    static int blankLineStart(ByteBuf buf, int start, int headEnd) {
        int to = headEnd - 1; // the blank line's LF
        return to > start && buf.getByte(to - 1) == '\r' ? to - 1 : to;
    }

    private void deliver(ChannelHandlerContext ctx, MessageAssembler.Outcome outcome, List<Object> out) {
        if (outcome.message() != null) {
            counters.onDecoded();
            out.add(new InboundMessage(outcome.message(), peer(ctx), Addresses.inet(ctx.channel().localAddress())));
        } else {
            out.add(new MalformedMessage(outcome.answer(), outcome.reason(), peer(ctx).address(), false));
        }
    }

    /** The framing is lost: say so (with the 400 the head allows) and ignore whatever else arrives. */
    private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, ParsedHead parsed, String reason) {
        stopHeadTimer();
        state = State.DISCARD;
        head = null;
        in.skipBytes(in.readableBytes()); // consumed, or Netty takes the report for a decoder that read nothing
        var answer = parsed == null ? null : BadRequests.answer(parsed, reason);
        out.add(new MalformedMessage(answer, reason, peer(ctx).address(), true));
    }

    private Peer peer(ChannelHandlerContext ctx) {
        if (peer == null) {
            InetSocketAddress remote = Addresses.inet(ctx.channel().remoteAddress());
            peer = new Peer(transport, remote);
        }
        return peer;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.DISCARD) {
            return;
        }
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state == State.READ_BODY || (state == State.READ_HEAD && in.isReadable())) {
            // the peer closed in the middle of a message
            counters.onDropped();
            state = State.DISCARD;
            head = null;
            in.skipBytes(in.readableBytes());
        }
    }
}
