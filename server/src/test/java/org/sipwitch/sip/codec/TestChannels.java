package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.AnswerFilter;
import org.sipwitch.sip.transport.MalformedAnswers;

/**
 * EmbeddedChannels that report real socket addresses, as the transports' channels do,
 * with the decoder followed by the transport's {@link MalformedAnswers}, as in the real
 * pipelines: the codec only reports what it cannot use, the answers are checked here on the wire.
 */
final class TestChannels {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.7", 40000);

    private TestChannels() {
    }

    static final class InetEmbeddedChannel extends EmbeddedChannel {
        InetEmbeddedChannel(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return REMOTE;
        }
    }

    static EmbeddedChannel stream(SipLimits limits, CodecCounters counters) {
        return new InetEmbeddedChannel(new SipEncoder(), new SipStreamDecoder(limits, counters, Transport.TCP),
                MalformedAnswers.stream(counters));
    }

    static EmbeddedChannel datagram(SipLimits limits, CodecCounters counters) {
        return datagram(limits, counters, AnswerFilter.ALWAYS);
    }

    static EmbeddedChannel datagram(SipLimits limits, CodecCounters counters, AnswerFilter answers) {
        return new InetEmbeddedChannel(new SipDatagramDecoder(limits, counters),
                MalformedAnswers.datagram(counters, () -> answers));
    }

    static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    static DatagramPacket packet(String s) {
        return new DatagramPacket(bytes(s), LOCAL, REMOTE);
    }

    static DatagramPacket packet(byte[] b) {
        return new DatagramPacket(Unpooled.wrappedBuffer(b), LOCAL, REMOTE);
    }

    /** Reads what the decoder wrote back (a 400 or a pong) as text, releasing the buffers. */
    static String written(EmbeddedChannel ch) {
        StringBuilder b = new StringBuilder();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf buf = o instanceof DatagramPacket p ? p.content() : (ByteBuf) o;
            b.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return b.toString();
    }
}
