package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.codec.SipDatagramDecoder;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipStreamDecoder;
import org.sipwitch.sip.net.Transport;

/**
 * Builds the handler chains of UDP sockets and TCP/TLS connections. TLS is the TCP
 * chain behind an {@link SslHandler}: same framing, same limits, same dispatcher.
 */
final class Pipelines {
    private static final SipEncoder ENCODER = new SipEncoder();
    private static final long HANDSHAKE_MILLIS = 5_000;

    private final SipLimits limits;
    private final CodecCounters counters;
    private final InboundDispatcher dispatcher;
    private final ConnectionTable connections;
    private final long idleMillis;
    private final MalformedAnswers streamMalformed;
    private final MalformedAnswers datagramMalformed;
    private volatile AnswerFilter datagramAnswers = AnswerFilter.ALWAYS;
    private volatile ConnectionLimits connectionLimits = ConnectionLimits.defaults();
    private final ConnectionRefusals refusals = new ConnectionRefusals();

    Pipelines(SipLimits limits, CodecCounters counters, InboundHandler handler, ConnectionTable connections,
              long idleMillis) {
        this.limits = limits;
        this.counters = counters;
        this.dispatcher = new InboundDispatcher(handler);
        this.connections = connections;
        this.idleMillis = idleMillis;
        this.streamMalformed = MalformedAnswers.stream(counters);
        this.datagramMalformed = MalformedAnswers.datagram(counters, () -> datagramAnswers);
    }

    /** Messages whose handler threw, on any channel, since start. */
    long handlerFailures() {
        return dispatcher.failures();
    }

    void datagramAnswers(AnswerFilter filter) {
        this.datagramAnswers = filter;
    }

    void connectionLimits(ConnectionLimits limits) {
        this.connectionLimits = limits;
    }

    ConnectionRefusals refusals() {
        return refusals;
    }

    SipLimits limits() {
        return limits;
    }

    CodecCounters counters() {
        return counters;
    }

    long idleMillis() {
        return idleMillis;
    }

    /** The end of every chain: answers what the decoder could not use, hands the rest to the dispatcher. */
    void tail(ChannelPipeline p) {
        p.addLast("malformed", streamMalformed).addLast("dispatcher", dispatcher).addLast("answers", PendingAnswers.INSTANCE);
    }

    ChannelInitializer<Channel> datagram() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("decoder", new SipDatagramDecoder(limits, counters))
                        .addLast("malformed", datagramMalformed)
                        .addLast("dispatcher", dispatcher);
            }
        };
    }

    /** For accepted TCP connections: refused when the table is full. */
    ChannelInitializer<Channel> accepted() {
        return accepted(connections, Transport.TCP, null);
    }

    /**
     * For accepted connections of a stream transport; {@code tls} null for plain TCP.
     * The TLS context is asked for per connection, so a renewed certificate is served
     * from the next handshake on.
     */
    ChannelInitializer<Channel> accepted(ConnectionTable table, Transport transport, Supplier<SslContext> tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (!admit(table, ch)) {
                    return;
                }
                if (tls != null) {
                    ch.pipeline().addLast("tls", handshakeLimited(tls.get().newHandler(ch.alloc())));
                }
                stream(ch.pipeline(), transport);
            }
        };
    }

    /**
     * Takes an accepted connection into its table, or closes it when its source already
     * holds its share or the table is full (one log line per refusing period).
     */
    boolean admit(ConnectionTable table, Channel ch) {
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        ConnectionLimits limits = connectionLimits;
        switch (table.admit(ch, remote, limits.perSource())) {
            case SOURCE_FULL -> {
                refusals.refusedPerSource(remote.getAddress(), limits.perSource());
                ch.close();
                return false;
            }
            case TABLE_FULL -> {
                refusals.refusedTableFull(remote.getAddress(), table.max());
                ch.close();
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** For connections we open: the connector adds them to the table once connected. */
    ChannelInitializer<Channel> outbound() {
        return outbound(Transport.TCP, null);
    }

    /** Outbound TLS: the SslHandler holds our writes back until the handshake is done. */
    ChannelInitializer<Channel> outbound(Transport transport, Supplier<SslContext> tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", handshakeLimited(tls.get().newHandler(ch.alloc())));
                }
                stream(ch.pipeline(), transport);
            }
        };
    }

    /** A client that connects and never finishes its handshake must not hold a connection slot for long. */
    static SslHandler handshakeLimited(SslHandler h) {
        h.setHandshakeTimeoutMillis(HANDSHAKE_MILLIS);
        return h;
    }

    /**
     * Responses reach a connection from the lanes, each with its own flush; on a busy TLS
     * connection that was one TLS record and one send(2) per response. The flush handler
     * (before TLS) folds the flushes that arrive while the event loop is busy into one.
     */
    private void stream(ChannelPipeline p, Transport transport) {
        p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true))
                .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                .addLast("encoder", ENCODER)
                .addLast("decoder", new SipStreamDecoder(limits, counters, transport,
                        connectionLimits.headTimeout().toMillis()));
        tail(p);
    }
}
