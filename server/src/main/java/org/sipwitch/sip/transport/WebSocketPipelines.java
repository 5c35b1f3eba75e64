package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sipwitch.sip.codec.SipFrameDecoder;
import org.sipwitch.sip.codec.SipFrameEncoder;
import org.sipwitch.sip.net.Transport;

/**
 * The chain of an accepted WebSocket connection (RFC 7118), on Netty's WebSocket codec:
 * <pre>
 * [TLS] → HTTP codec → aggregator (the upgrade request only) → {@link UpgradeCheck}
 *       → WebSocketServerProtocolHandler (handshake with subprotocol sip; ping/pong, close)
 *       → frame aggregator (fragments joined, whole message at most max-message bytes)
 *       → idle timer → {@link WebSocketFlow} (CRLF keep-alive, size close, flow end)
 *       → SIP frame encoder/decoder → malformed answers → dispatcher
 * </pre>
 * After the handshake Netty swaps the HTTP codec for the frame codec; everything
 * behind it sees whole frames. Frames must be masked (RFC 6455 §5.1) and text frames
 * valid UTF-8: Netty closes with 1002/1007 otherwise.
 */
final class WebSocketPipelines {
    private static final SipFrameEncoder ENCODER = new SipFrameEncoder();
    /** An upgrade request is a few headers and no body. */
    private static final int MAX_HTTP_HEAD = 8_192;
    private static final long HANDSHAKE_MILLIS = 5_000;

    private final Pipelines pipelines;
    private final WebSocketSettings settings;
    private final Supplier<FlowListener> flows;

    WebSocketPipelines(Pipelines pipelines, WebSocketSettings settings, Supplier<FlowListener> flows) {
        this.pipelines = pipelines;
        this.settings = settings;
        this.flows = flows;
    }

    /** For accepted connections of WS ({@code tls} null) or WSS (the context of the moment): refused, as TCP, when its source holds its share or the table is full. */
    ChannelInitializer<Channel> accepted(ConnectionTable table, Transport transport, Supplier<SslContext> tls) {
        int maxMessage = pipelines.limits().maxMessageSize();
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true) // any path: browsers' libraries differ
                .subprotocols(UpgradeCheck.SUBPROTOCOL)
                .handshakeTimeoutMillis(HANDSHAKE_MILLIS)
                .dropPongFrames(false) // a pong answers our idle ping (WebSocketFlow)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessage)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .withUTF8Validator(true)
                        .build())
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (!pipelines.admit(table, ch)) {
                    return;
                }
                if (tls != null) {
                    ch.pipeline().addLast("tls", Pipelines.handshakeLimited(tls.get().newHandler(ch.alloc())));
                }
                ch.pipeline().addLast("http", new HttpServerCodec(4096, MAX_HTTP_HEAD, 1024))
                        .addLast("upgrade-request", new HttpObjectAggregator(1024))
                        .addLast("upgrade-check", new UpgradeCheck(settings))
                        .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                        .addLast("messages", new WebSocketFrameAggregator(maxMessage))
                        .addLast("idle", new IdleStateHandler(0, 0, pipelines.idleMillis(), TimeUnit.MILLISECONDS))
                        .addLast("flow", new WebSocketFlow(transport, pipelines.counters(), flows))
                        .addLast("encoder", ENCODER)
                        .addLast("decoder", new SipFrameDecoder(pipelines.limits(), pipelines.counters(), transport));
                pipelines.tail(ch.pipeline());
            }
        };
    }
}
