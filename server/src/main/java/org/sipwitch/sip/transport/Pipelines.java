package org.sipwitch.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.codec.SipDatagramDecoder;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipStreamDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the handler chains of UDP sockets and TCP connections. */
final class Pipelines {
    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);
    private static final SipEncoder ENCODER = new SipEncoder();

    private final SipLimits limits;
    private final CodecCounters counters;
    private final InboundDispatcher dispatcher;
    private final ConnectionTable connections;
    private final long idleMillis;

    Pipelines(SipLimits limits, CodecCounters counters, InboundHandler handler, ConnectionTable connections,
              long idleMillis) {
        this.limits = limits;
        this.counters = counters;
        this.dispatcher = new InboundDispatcher(handler);
        this.connections = connections;
        this.idleMillis = idleMillis;
    }

    ChannelInitializer<Channel> datagram() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("decoder", new SipDatagramDecoder(limits, counters))
                        .addLast("dispatcher", dispatcher);
            }
        };
    }

    /** For accepted connections: refused when the table is full. */
    ChannelInitializer<Channel> accepted() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
                if (!connections.add(ch, remote)) {
                    LOG.debug("Connection limit reached, refusing {}", remote);
                    ch.close();
                    return;
                }
                stream(ch.pipeline());
            }
        };
    }

    /** For connections we open: the connector adds them to the table once connected. */
    ChannelInitializer<Channel> outbound() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                stream(ch.pipeline());
            }
        };
    }

    private void stream(ChannelPipeline p) {
        p.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                .addLast("encoder", ENCODER)
                .addLast("decoder", new SipStreamDecoder(limits, counters, Transport.TCP))
                .addLast("dispatcher", dispatcher);
    }
}
