package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;

class SipEncoderTest {

    @Test
    void writesCanonicalNamesInOrderAndContentLengthFromTheBody() {
        SipRequest r = new SipRequest("MESSAGE", SipUri.sip("bob", "example.net", -1));
        r.addHeader("v", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1");
        r.addHeader("f", "<sip:a@example.net>;tag=1");
        r.addHeader("t", "<sip:bob@example.net>");
        r.addHeader("i", "enc-1");
        r.addHeader("CSeq", "1 MESSAGE");
        r.addHeader("Content-Length", "999"); // stale: must not be written
        r.setBody("héllo".getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8");
        ByteBuf out = SipEncoder.encode(r, ByteBufAllocator.DEFAULT);
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        assertThat(text).isEqualTo("MESSAGE sip:bob@example.net SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "From: <sip:a@example.net>;tag=1\r\n"
                + "To: <sip:bob@example.net>\r\n"
                + "Call-ID: enc-1\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n"
                + "Content-Length: 6\r\n"
                + "\r\n"
                + "héllo");
    }

    @Test
    void decodeEncodeDecodeKeepsTheMessage() {
        CodecCounters counters = new CodecCounters();
        EmbeddedChannel in = TestChannels.stream(SipLimits.defaults(), counters);
        in.writeInbound(TestChannels.bytes(SipSamples.invite()));
        InboundMessage first = in.readInbound();
        EmbeddedChannel enc = new EmbeddedChannel(new SipEncoder());
        enc.writeOutbound(first.message());
        ByteBuf wire = enc.readOutbound();
        in.writeInbound(wire);
        InboundMessage second = in.readInbound();
        assertThat(second.message().startLine()).isEqualTo(first.message().startLine());
        assertThat(second.message().headers().all()).isEqualTo(first.message().headers().all());
        assertThat(second.message().bodyText()).isEqualTo(SipSamples.SDP);
    }

    @Test
    void encodesResponsesBuiltByTheModel() throws Exception {
        CodecCounters counters = new CodecCounters();
        EmbeddedChannel in = TestChannels.datagram(SipLimits.defaults(), counters);
        in.writeInbound(TestChannels.packet(SipSamples.register()));
        InboundMessage req = in.readInbound();
        SipResponse ok = Responses.create((SipRequest) req.message(), 200);
        ByteBuf out = SipEncoder.encode(ok, ByteBufAllocator.DEFAULT);
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        assertThat(text).startsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK776asdhds;rport\r\n");
        assertThat(text).endsWith("CSeq: 314159 REGISTER\r\nContent-Length: 0\r\n\r\n");
    }
}
