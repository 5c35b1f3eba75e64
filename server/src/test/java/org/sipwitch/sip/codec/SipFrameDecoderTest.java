package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.MalformedAnswers;

/** One SIP message per WebSocket frame (RFC 7118 §5), with the datagram framing rules; and back. */
class SipFrameDecoderTest {
    private static final String OPTIONS = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";

    final CodecCounters counters = new CodecCounters();
    final EmbeddedChannel ch = new TestChannels.InetEmbeddedChannel(new SipFrameEncoder(),
            new SipFrameDecoder(SipLimits.defaults(), counters, Transport.WSS), MalformedAnswers.stream(counters));

    @Test
    void aTextOrBinaryFrameIsOneMessageFromTheConnectionsPeer() {
        ch.writeInbound(new TextWebSocketFrame(OPTIONS + "Content-Length: 0\r\n\r\n"));
        InboundMessage in = ch.readInbound();
        assertThat(in.message()).isInstanceOf(SipRequest.class);
        assertThat(in.source()).isEqualTo(new Peer(Transport.WSS, TestChannels.REMOTE));
        assertThat(in.local()).isEqualTo(TestChannels.LOCAL);

        // no Content-Length: the frame ends the message, as a datagram does
        ch.writeInbound(new BinaryWebSocketFrame(TestChannels.bytes(OPTIONS + "\r\n")));
        assertThat(((InboundMessage) ch.readInbound()).message().header("Call-ID")).isEqualTo("c1");
        assertThat(counters.decoded()).isEqualTo(2);
    }

    @Test
    void aMalformedMessageIsAnsweredInAFrameAndOthersAreNotSip() {
        ch.writeInbound(new TextWebSocketFrame(OPTIONS + "Content-Length: 99\r\n\r\nshort"));
        assertThat((Object) ch.readInbound()).isNull();
        TextWebSocketFrame answer = ch.readOutbound();
        assertThat(answer.text()).startsWith("SIP/2.0 400 ").contains("Call-ID: c1");
        answer.release();

        ch.writeInbound(new PingWebSocketFrame());
        assertThat((Object) ch.readInbound()).isNull();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void outboundMessagesAreTextFrames() {
        ch.writeOutbound(new SipResponse(200, "OK"));
        TextWebSocketFrame frame = ch.readOutbound();
        ByteBuf content = frame.content();
        assertThat(content.toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 200 OK\r\n").endsWith("\r\n\r\n");
        frame.release();
    }

    @Test
    void onlyForWebSocketTransports() {
        assertThatThrownBy(() -> new SipFrameDecoder(SipLimits.defaults(), counters, Transport.TCP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
