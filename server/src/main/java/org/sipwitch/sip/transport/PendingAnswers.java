package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipwitch.sip.message.SipResponse;

/**
 * Keeps a stream connection whose framing is lost open until the requests it already
 * delivered are answered. A valid REGISTER followed in the same read by bytes that
 * cannot be framed is handed on before the codec reports the garbage; its transaction
 * answers a moment later, on another thread, and closing at once would lose that
 * answer while the binding was made. So: count requests in and final responses out
 * per connection; once the framing is lost, stop reading and close when the count is
 * back to zero, or after {@link #GRACE_SECONDS} (Timer B's 32 s: no transaction waits
 * longer) whatever is still pending.
 *
 * <p>Sits at the tail of the stream pipeline, so it sees the {@link SipResponse}s that
 * the transactions write before the encoder turns them into bytes.
 */
@Sharable
final class PendingAnswers extends ChannelOutboundHandlerAdapter {
    static final PendingAnswers INSTANCE = new PendingAnswers();
    static final long GRACE_SECONDS = 32;
    private static final AttributeKey<State> STATE = AttributeKey.valueOf("sipwitch.pendingAnswers");

    private static final class State {
        final AtomicInteger pending = new AtomicInteger();
        volatile boolean closing;
    }

    private PendingAnswers() {
    }

    /** A request (not an ACK: it has no answer) was handed on from this connection. */
    static void requestIn(Channel channel) {
        state(channel).pending.incrementAndGet();
    }

    /** How many requests of this connection still wait for their final response. */
    static int pending(Channel channel) {
        State s = channel.attr(STATE).get();
        return s == null ? 0 : s.pending.get();
    }

    /**
     * The framing is lost: read nothing more, and close once {@code last} (the 400, or null)
     * is written and every request already handed on has its final response.
     */
    static void closeWhenAnswered(Channel channel, ChannelFuture last) {
        State s = state(channel);
        s.closing = true;
        channel.config().setAutoRead(false);
        Runnable check = () -> {
            if (s.pending.get() <= 0) {
                channel.close();
            }
        };
        if (last == null) {
            check.run();
        } else {
            last.addListener(f -> check.run());
        }
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SipResponse r && r.status() >= 200) {
            State s = state(ctx.channel());
            promise.addListener(f -> {
                if (s.pending.decrementAndGet() <= 0 && s.closing) {
                    ctx.channel().close();
                }
            });
        }
        ctx.write(msg, promise);
    }

    private static State state(Channel channel) {
        State s = channel.attr(STATE).get();
        if (s == null) {
            State fresh = new State();
            s = channel.attr(STATE).setIfAbsent(fresh);
            if (s == null) {
                s = fresh;
            }
        }
        return s;
    }
}
