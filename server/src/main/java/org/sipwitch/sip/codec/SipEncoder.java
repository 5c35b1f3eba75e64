package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipHeaders;
import org.sipwitch.sip.message.SipMessage;

/**
 * Canonical serialization: start line, then {@code Name: value} lines in the order of
 * the model, then a Content-Length computed from the body (any Content-Length header
 * in the model is ignored, so the framing can never lie), the blank line and the body.
 * The same code serves streams (as a pipeline handler) and datagrams ({@link #encode}).
 */
@Sharable
public final class SipEncoder extends MessageToByteEncoder<SipMessage> {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public SipEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, ByteBuf out) {
        encode(msg, out);
    }

    /** Encodes into a fresh buffer from {@code alloc}; the caller owns (and must release or write) it. */
    public static ByteBuf encode(SipMessage message, ByteBufAllocator alloc) {
        ByteBuf out = alloc.ioBuffer(estimateSize(message));
        try {
            encode(message, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** The message as it goes on the wire, as bytes: what a transaction keeps to resend. */
    public static byte[] toBytes(SipMessage message) {
        ByteBuf buf = io.netty.buffer.Unpooled.buffer(estimateSize(message));
        try {
            encode(message, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** The message as it goes on the wire, as text (for traces and logs, not the hot path). */
    public static String toText(SipMessage message) {
        return new String(toBytes(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void encode(SipMessage message, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, message.startLine());
        out.writeBytes(CRLF);
        SipHeaders headers = message.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (name.equals(HeaderNames.CONTENT_LENGTH)) {
                continue;
            }
            ByteBufUtil.writeAscii(out, name);
            out.writeBytes(COLON_SP);
            ByteBufUtil.writeUtf8(out, headers.value(i));
            out.writeBytes(CRLF);
        }
        byte[] body = message.body();
        out.writeBytes(CONTENT_LENGTH);
        ByteBufUtil.writeAscii(out, Integer.toString(body.length));
        out.writeBytes(CRLF);
        out.writeBytes(CRLF);
        out.writeBytes(body);
    }

    private static int estimateSize(SipMessage message) {
        return 512 + message.headers().size() * 48 + message.body().length;
    }
}
