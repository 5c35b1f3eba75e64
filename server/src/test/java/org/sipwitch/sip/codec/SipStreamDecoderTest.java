package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.codec.TestChannels.bytes;
import static org.sipwitch.sip.codec.TestChannels.written;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Transport;

class SipStreamDecoderTest {
    private final CodecCounters counters = new CodecCounters();
    private final EmbeddedChannel ch = TestChannels.stream(SipLimits.defaults(), counters);

    private InboundMessage next() {
        return ch.readInbound();
    }

    @Test
    void decodesARegisterWithSourceAndLocalAddresses() {
        ch.writeInbound(bytes(SipSamples.register()));
        InboundMessage in = next();
        assertThat(in.source().transport()).isEqualTo(Transport.TCP);
        assertThat(in.source().address()).isEqualTo(TestChannels.REMOTE);
        assertThat(in.local()).isEqualTo(TestChannels.LOCAL);
        SipRequest r = (SipRequest) in.message();
        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.uri().host()).isEqualTo("example.net");
        assertThat(r.callId()).isEqualTo("a84b4c76e66710@192.0.2.7");
        assertThat(r.header(HeaderNames.CONTENT_LENGTH)).as("framing header is not kept").isNull();
        assertThat(counters.decoded()).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void readsTheBodyByContentLength() {
        ch.writeInbound(bytes(SipSamples.invite()));
        InboundMessage in = next();
        assertThat(in.message().bodyText()).isEqualTo(SipSamples.SDP);
        assertThat(in.message().header("content-type")).isEqualTo("application/sdp");
    }

    @Test
    void severalMessagesInOneRead() {
        ch.writeInbound(bytes(SipSamples.register() + SipSamples.invite() + SipSamples.options("x1")));
        assertThat(((SipRequest) next().message()).method()).isEqualTo("REGISTER");
        assertThat(((SipRequest) next().message()).method()).isEqualTo("INVITE");
        assertThat(((SipRequest) next().message()).method()).isEqualTo("OPTIONS");
        assertThat((Object) next()).isNull();
    }

    @Test
    void oneMessageSplitByteByByte() {
        byte[] all = (SipSamples.invite() + SipSamples.register()).getBytes(StandardCharsets.UTF_8);
        for (byte b : all) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(next().message().bodyText()).isEqualTo(SipSamples.SDP);
        assertThat(((SipRequest) next().message()).method()).isEqualTo("REGISTER");
        assertThat(counters.decoded()).isEqualTo(2);
    }

    @Test
    void splitInsideTheBodyAndInsideTheBlankLine() {
        String invite = SipSamples.invite();
        int blank = invite.indexOf("\r\n\r\n");
        ch.writeInbound(bytes(invite.substring(0, blank + 3)));
        ch.writeInbound(bytes(invite.substring(blank + 3, blank + 20)));
        assertThat((Object) next()).isNull();
        ch.writeInbound(bytes(invite.substring(blank + 20)));
        assertThat(next().message().bodyText()).isEqualTo(SipSamples.SDP);
    }

    @Test
    void crlfPingGetsAPong() {
        ch.writeInbound(bytes("\r\n\r\n"));
        assertThat(written(ch)).isEqualTo("\r\n");
        assertThat(counters.keepAlives()).isEqualTo(1);
        ch.writeInbound(bytes("\r\n"));
        ch.writeInbound(bytes("\r\n"));
        assertThat(written(ch)).as("a ping split over two reads").isEqualTo("\r\n");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void strayCrlfBetweenMessagesIsSkipped() {
        ch.writeInbound(bytes(SipSamples.options("a") + "\r\n" + SipSamples.options("b")));
        assertThat(next().message().callId()).isEqualTo("a");
        assertThat(next().message().callId()).isEqualTo("b");
        assertThat(written(ch)).isEmpty();
    }

    @Test
    void compactFormsFoldingAndCaseInsensitiveNames() {
        ch.writeInbound(bytes("OPTIONS sip:example.net SIP/2.0\r\n"
                + "v: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK1\r\n"
                + "f: <sip:a@example.net>;tag=1\r\n"
                + "t: <sip:example.net>\r\n"
                + "i: compact-1\r\n"
                + "cseq: 9 OPTIONS\r\n"
                + "SUBJECT: first part\r\n"
                + "   and\r\n"
                + "\tsecond part\r\n"
                + "m: <sip:a@192.0.2.7>, \"Quoted, with comma\" <sip:b@192.0.2.7>\r\n"
                + "l: 0\r\n\r\n"));
        InboundMessage in = next();
        var h = in.message().headers();
        assertThat(h.get("Call-ID")).isEqualTo("compact-1");
        assertThat(h.get("Via")).startsWith("SIP/2.0/TCP");
        assertThat(h.get("Subject")).isEqualTo("first part and second part");
        assertThat(h.values("Contact")).containsExactly("<sip:a@192.0.2.7>",
                "\"Quoted, with comma\" <sip:b@192.0.2.7>");
        assertThat(h.all().get(0).name()).isEqualTo("Via");
    }

    @Test
    void escapedSipsTelAndIpv6Uris() throws Exception {
        String ipv6 = "INVITE sips:%61lice@[2001:db8::1]:5061;transport=tls SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS [2001:db8::9]:5061;branch=z9hG4bK6\r\n"
                + "From: <tel:+1-201-555-0123>;tag=5\r\n"
                + "To: <sips:%61lice@[2001:db8::1]>\r\n"
                + "Call-ID: v6\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n";
        ch.writeInbound(bytes(ipv6));
        SipRequest r = (SipRequest) next().message();
        assertThat(r.uri().isSecure()).isTrue();
        assertThat(r.uri().host()).isEqualTo("[2001:db8::1]");
        assertThat(r.uri().userDecoded()).isEqualTo("alice");
        assertThat(r.from().uri().isTel()).isTrue();
        assertThat(r.topVia().host()).isEqualTo("[2001:db8::9]");
    }

    @Test
    void malformedRequestIsAnsweredAndTheStreamGoesOn() {
        String noCallId = SipSamples.options("gone").replace("Call-ID: gone\r\n", "");
        ch.writeInbound(bytes(noCallId + SipSamples.options("next")));
        String out = written(ch);
        assertThat(out).startsWith("SIP/2.0 400 Bad Request (Missing Call-ID)\r\n");
        assertThat(out).contains("CSeq: 1 OPTIONS").contains(";tag=");
        assertThat(next().message().callId()).isEqualTo("next");
        assertThat(counters.malformedAnswered()).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void missingContentLengthOnAStreamIsAnsweredThenClosed() {
        ch.writeInbound(bytes(SipSamples.options("nocl").replace("Content-Length: 0\r\n", "")));
        assertThat(written(ch)).startsWith("SIP/2.0 400 Bad Request (Missing Content-Length)");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void oversizeBodyIsAnsweredThenClosed() {
        EmbeddedChannel small = TestChannels.stream(new SipLimits(4096, 64, 1024, 100), counters);
        small.writeInbound(bytes(SipSamples.invite()));
        assertThat(written(small)).startsWith("SIP/2.0 400 Bad Request (Body too large)");
        assertThat(small.isOpen()).isFalse();
        assertThat((Object) small.readInbound()).isNull();
    }

    @Test
    void overLongLineAndTooManyHeadersAreDroppedAndClosed() {
        SipLimits limits = new SipLimits(4096, 8, 200, 1000);
        EmbeddedChannel a = TestChannels.stream(limits, counters);
        a.writeInbound(bytes("OPTIONS sip:" + "x".repeat(300) + "@example.net SIP/2.0\r\n"));
        assertThat(a.isOpen()).isFalse();
        EmbeddedChannel b = TestChannels.stream(limits, counters);
        b.writeInbound(bytes("OPTIONS sip:example.net SIP/2.0\r\n" + "X-A: 1\r\n".repeat(20)));
        assertThat(b.isOpen()).isFalse();
        EmbeddedChannel c = TestChannels.stream(new SipLimits(1000, 64, 200, 1000), counters);
        c.writeInbound(bytes(("X-Long: " + "y".repeat(150) + "\r\n").repeat(10)));
        assertThat(c.isOpen()).as("headers past the message size limit").isFalse();
        assertThat(counters.dropped()).isEqualTo(3);
    }

    @Test
    void responsesAreDecodedAndBadOnesDropped() {
        ch.writeInbound(bytes(SipSamples.response()));
        SipResponse r = (SipResponse) next().message();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        ch.writeInbound(bytes(SipSamples.response().replace("Call-ID: resp1\r\n", "")));
        assertThat((Object) next()).isNull();
        assertThat(written(ch)).isEmpty();
        assertThat(counters.dropped()).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void peerClosingMidMessageIsCountedNotThrown() {
        ch.writeInbound(bytes(SipSamples.invite().substring(0, 200)));
        ch.finish();
        ch.checkException();
        assertThat(counters.dropped()).isEqualTo(1);
    }

    @Test
    void bufferIsReleasedAfterDecoding() {
        ByteBuf in = bytes(SipSamples.invite());
        ch.writeInbound(in);
        assertThat(in.refCnt()).isZero();
    }
}
