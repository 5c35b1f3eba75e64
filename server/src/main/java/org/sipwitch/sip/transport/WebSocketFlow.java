package org.sipwitch.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket connection once upgraded, between Netty's WebSocket layer
 * (which answers pings and closes) and the SIP frame decoder:
 * <ul>
 * <li>a frame of CR/LF only is a keep-alive: a double CRLF is answered with one CRLF
 *     (the RFC 5626 §4.4.1 ping/pong some clients send over WebSocket too);</li>
 * <li>a message over the size limit is answered with close code 1009 (RFC 6455 §7.4.1);
 *     frames Netty found broken were already closed by it with their own code;</li>
 * <li>a connection idle for the idle time gets a ping (browsers answer it by themselves,
 *     a JsSIP page may send nothing for longer than that between re-registrations); one
 *     that stays silent for another idle time is closed;</li>
 * <li>when an upgraded connection ends, the {@link FlowListener} hears of it, so the
 *     browser's registrations go with it.</li>
 * </ul>
 */
final class WebSocketFlow extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFlow.class);

    private final Transport transport;
    private final CodecCounters counters;
    private final Supplier<FlowListener> flows;
    private boolean upgraded;
    private boolean pinged;

    WebSocketFlow(Transport transport, CodecCounters counters, Supplier<FlowListener> flows) {
        this.transport = transport;
        this.counters = counters;
        this.flows = flows;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            upgraded = true;
            LOG.debug("WebSocket {} open from {}", transport.param(), ctx.channel().remoteAddress());
        }
        if (evt instanceof IdleStateEvent && upgraded && !pinged) {
            pinged = true; // the next idle period without an answer closes (the dispatcher does)
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pinged = false;
        if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
            return;
        }
        if ((msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
                && onlyLineEnds(((WebSocketFrame) msg).content())) {
            ByteBuf content = ((WebSocketFrame) msg).content();
            boolean ping = content.readableBytes() >= 4;
            ((WebSocketFrame) msg).release();
            counters.onKeepAlive();
            if (ping) {
                ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'})));
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean onlyLineEnds(ByteBuf b) {
        int end = b.writerIndex();
        if (b.readerIndex() == end) {
            return false; // an empty frame is left to the decoder, which counts it as a drop
        }
        for (int i = b.readerIndex(); i < end; i++) {
            byte c = b.getByte(i);
            if (c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            counters.onDropped();
            LOG.debug("Closing WebSocket from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "SIP message too large"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException) {
            counters.onDropped(); // Netty has sent the close frame with the reason
            LOG.debug("WebSocket from {} broke the protocol: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (upgraded && ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            Peer flow = new Peer(transport, remote);
            try {
                flows.get().closed(flow);
            } catch (RuntimeException e) {
                LOG.warn("Flow listener failed on {}", flow, e);
            }
        }
        super.channelInactive(ctx);
    }
}
