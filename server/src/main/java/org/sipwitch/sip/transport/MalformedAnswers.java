package org.sipwitch.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.util.function.Supplier;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.codec.MalformedMessage;
import org.sipwitch.sip.codec.SipEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits behind a decoder and answers what it could not use ({@link MalformedMessage}):
 * the {@code 400} the head allows goes back to the sender — a UDP sender only when
 * the {@link AnswerFilter} lets it (a forged source must not make us a reflector) —
 * everything else is a counted drop; a stream whose framing is lost is closed after
 * the answer and the answers of the requests it delivered before ({@link PendingAnswers}). Decoded messages pass on untouched.
 */
@Sharable
public final class MalformedAnswers extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedAnswers.class);

    private final CodecCounters counters;
    private final Supplier<AnswerFilter> datagramAnswers; // null on streams

    private MalformedAnswers(CodecCounters counters, Supplier<AnswerFilter> datagramAnswers) {
        this.counters = counters;
        this.datagramAnswers = datagramAnswers;
    }

    /** For UDP sockets; the filter is asked again for every datagram, so it may be replaced while serving. */
    public static MalformedAnswers datagram(CodecCounters counters, Supplier<AnswerFilter> answers) {
        return new MalformedAnswers(counters, answers);
    }

    /**
     * For TCP/TLS/WS connections: their source cannot be forged, every answerable request is
     * answered. The pipeline must have an encoder of SIP messages in front of this handler.
     */
    public static MalformedAnswers stream(CodecCounters counters) {
        return new MalformedAnswers(counters, null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MalformedMessage bad)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (datagramAnswers != null) {
            answerDatagram(ctx, bad);
        } else {
            answerStream(ctx, bad);
        }
    }

    private void answerDatagram(ChannelHandlerContext ctx, MalformedMessage bad) {
        if (bad.answer() != null && datagramAnswers.get().mayAnswer(bad.sender())) {
            counters.onAnswered();
            ctx.writeAndFlush(new DatagramPacket(SipEncoder.encode(bad.answer(), ctx.alloc()), bad.sender()));
        } else {
            counters.onDropped();
            LOG.debug("Dropped datagram from {}: {}", bad.sender(), bad.reason());
        }
    }

    private void answerStream(ChannelHandlerContext ctx, MalformedMessage bad) {
        if (bad.framingLost()) {
            LOG.debug("Closing {} once its requests are answered: {}", ctx.channel().remoteAddress(), bad.reason());
        }
        io.netty.channel.ChannelFuture written = null;
        if (bad.answer() != null) {
            counters.onAnswered();
            // the response itself: the pipeline's encoder frames it (bytes on TCP/TLS, a text frame on WS)
            written = ctx.writeAndFlush(bad.answer());
        } else {
            counters.onDropped();
            if (!bad.framingLost()) {
                LOG.debug("Dropped message from {}: {}", ctx.channel().remoteAddress(), bad.reason());
            }
        }
        if (bad.framingLost()) {
            // requests decoded before the garbage are still being processed: their answers come first
            PendingAnswers.closeWhenAnswered(ctx.channel(), written);
        }
    }
}
