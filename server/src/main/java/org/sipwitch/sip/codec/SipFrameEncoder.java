package org.sipwitch.sip.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.sipwitch.sip.message.SipMessage;

/**
 * A SIP message as one WebSocket text frame (RFC 7118 §5: one message per WebSocket
 * message; text, which every browser library reads), in the canonical form of
 * {@link SipEncoder}.
 */
@Sharable
public final class SipFrameEncoder extends MessageToMessageEncoder<SipMessage> {

    public SipFrameEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, List<Object> out) {
        out.add(new TextWebSocketFrame(SipEncoder.encode(msg, ctx.alloc())));
    }
}
