package org.sipwitch.sip.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over WebSocket (RFC 7118 §5): one whole SIP message per text or binary message
 * (fragments are joined before this by Netty's frame aggregator), framed by the same
 * rules as a datagram — the frame ends the message, Content-Length may say less, never
 * more. What cannot be used goes on as a {@link MalformedMessage}; the connection stays
 * usable, since the next frame starts a new message. Other frames are not SIP: the
 * WebSocket layer in front answers pings and closes.
 */
public final class SipFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(SipFrameDecoder.class);

    private final CodecCounters counters;
    private final DatagramFraming framing;
    private final Transport transport;

    public SipFrameDecoder(SipLimits limits, CodecCounters counters, Transport transport) {
        super(WebSocketFrame.class);
        if (!transport.isWebSocket()) {
            throw new IllegalArgumentException("Not a WebSocket transport: " + transport);
        }
        this.counters = counters;
        this.framing = new DatagramFraming(limits);
        this.transport = transport;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return; // released by the base class
        }
        MessageAssembler.Outcome outcome;
        try {
            outcome = framing.frame(frame.content());
        } catch (RuntimeException e) {
            LOG.warn("Decoder failure on a frame from {}", ctx.channel().remoteAddress(), e);
            counters.onDropped();
            return;
        }
        if (outcome.message() != null) {
            counters.onDecoded();
            out.add(new InboundMessage(outcome.message(), new Peer(transport, Addresses.inet(ctx.channel().remoteAddress())),
                    Addresses.inet(ctx.channel().localAddress())));
        } else if (outcome.isKeepAlive()) {
            counters.onKeepAlive();
        } else {
            out.add(new MalformedMessage(outcome.answer(), outcome.reason(), Addresses.inet(ctx.channel().remoteAddress()),
                    false));
        }
    }
}
