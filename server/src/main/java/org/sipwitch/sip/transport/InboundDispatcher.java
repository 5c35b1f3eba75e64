package org.sipwitch.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.LongAdder;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every pipeline: stamps received/rport on requests (RFC 3581) and hands
 * each message to the {@link InboundHandler}. A failure of the handler is logged,
 * counted and contained — it must never close a UDP listener or surface as a channel
 * error — except an error of the JVM itself (out of memory and the like), after which
 * the channel stops serving rather than limp on. Idle TCP connections are closed here too.
 */
@Sharable
final class InboundDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final InboundHandler handler;
    private final LongAdder failures = new LongAdder();

    InboundDispatcher(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundMessage in)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (in.message() instanceof SipRequest request) {
            ViaStamping.stamp(request, in.source());
        }
        try {
            handler.onMessage(in);
        } catch (VirtualMachineError fatal) {
            throw fatal; // Netty hands it to exceptionCaught below, which does not swallow it
        } catch (RuntimeException | Error e) {
            failures.increment();
            LOG.warn("Inbound handler failed on {} from {}", in.message(), in.source(), e);
        }
    }

    /** Messages whose handling threw (logged, and the channel went on), since start. */
    long failures() {
        return failures.sum();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("Closing idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof VirtualMachineError) {
            LOG.error("Fatal error on {}, closing it", ctx.channel(), cause);
            ctx.close();
        } else if (ctx.channel() instanceof DatagramChannel) {
            // ICMP port unreachable and friends: the listener must keep serving
            LOG.debug("UDP error on {}: {}", ctx.channel().localAddress(), cause.toString());
        } else {
            LOG.debug("Closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
