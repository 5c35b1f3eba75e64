package org.sipwitch.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the HTTP upgrade before Netty's handshaker sees it, because the handshaker
 * completes a handshake whose subprotocol it does not support (without naming one) and
 * knows no Origin rule. Refusals get an HTTP answer saying why, then the connection is
 * closed: not a GET (405), not a WebSocket upgrade (426), a page from an origin not in
 * {@code <ws><origin>} (403), no {@code sip} among the offered subprotocols (400, RFC 7118
 * §4), a request that is not HTTP (400). A good request goes on and this handler leaves
 * the pipeline.
 */
final class UpgradeCheck extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeCheck.class);
    static final String SUBPROTOCOL = "sip";

    private final WebSocketSettings settings;

    UpgradeCheck(WebSocketSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        FullHttpResponse refusal = refusal(request);
        if (refusal == null) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(request);
            return;
        }
        LOG.debug("Refused WebSocket upgrade from {}: {} {}", ctx.channel().remoteAddress(), refusal.status(),
                refusal.content().toString(java.nio.charset.StandardCharsets.UTF_8).trim());
        request.release();
        ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse refusal(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return answer(HttpResponseStatus.BAD_REQUEST, "Not an HTTP request");
        }
        if (!HttpMethod.GET.equals(request.method())) {
            FullHttpResponse r = answer(HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET upgrades to a WebSocket");
            r.headers().set(HttpHeaderNames.ALLOW, "GET");
            return r;
        }
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            FullHttpResponse r = answer(HttpResponseStatus.UPGRADE_REQUIRED,
                    "This port speaks SIP over WebSocket (RFC 7118) only");
            r.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            return r;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!settings.allows(origin)) {
            return answer(HttpResponseStatus.FORBIDDEN, "Origin " + printable(origin) + " is not allowed");
        }
        if (!offersSip(request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
            return answer(HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Protocol must offer sip (RFC 7118)");
        }
        return null;
    }

    private static boolean offersSip(java.util.List<String> values) {
        for (String value : values) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).equals(SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Origin as sent, cut short and without control characters (it goes into the answer and the log). */
    private static String printable(String origin) {
        if (origin == null) {
            return "(none)";
        }
        String cut = origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    private static FullHttpResponse answer(HttpResponseStatus status, String why) {
        ByteBuf body = io.netty.buffer.Unpooled.buffer();
        ByteBufUtil.writeUtf8(body, why + "\r\n");
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }
}
