package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.codec.TestChannels.bytes;
import static org.sipwitch.sip.codec.TestChannels.packet;
import static org.sipwitch.sip.codec.TestChannels.written;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Transport;

class SipDatagramDecoderTest {
    private final CodecCounters counters = new CodecCounters();
    private final EmbeddedChannel ch = TestChannels.datagram(SipLimits.defaults(), counters);

    private InboundMessage next() {
        return ch.readInbound();
    }

    @Test
    void oneMessagePerDatagramWithTheSender() {
        ch.writeInbound(packet(SipSamples.register()));
        InboundMessage in = next();
        assertThat(in.source().transport()).isEqualTo(Transport.UDP);
        assertThat(in.source().address()).isEqualTo(TestChannels.REMOTE);
        assertThat(((SipRequest) in.message()).method()).isEqualTo("REGISTER");
        assertThat(counters.decoded()).isEqualTo(1);
    }

    @Test
    void datagramsFromOneSenderShareOnePeerAndOthersGetTheirOwn() {
        ch.writeInbound(packet(SipSamples.register()));
        ch.writeInbound(new DatagramPacket(bytes(SipSamples.register()), TestChannels.LOCAL,
                new InetSocketAddress(TestChannels.REMOTE.getAddress(), TestChannels.REMOTE.getPort())));
        ch.writeInbound(new DatagramPacket(bytes(SipSamples.register()), TestChannels.LOCAL,
                new InetSocketAddress(TestChannels.REMOTE.getAddress(), TestChannels.REMOTE.getPort() + 1)));
        InboundMessage first = next();
        InboundMessage again = next();
        InboundMessage other = next();
        assertThat(again.source()).as("the same sender, a new address object: the Peer is kept once")
                .isSameAs(first.source());
        assertThat(other.source().address().getPort()).isEqualTo(TestChannels.REMOTE.getPort() + 1);
        assertThat(other.source()).isNotEqualTo(first.source());
    }

    @Test
    void withoutContentLengthTheRestIsTheBody() {
        String invite = SipSamples.invite().replaceFirst("Content-Length: \\d+\r\n", "");
        ch.writeInbound(packet(invite));
        assertThat(next().message().bodyText()).isEqualTo(SipSamples.SDP);
    }

    @Test
    void bytesAfterTheBodyAreIgnored() {
        ch.writeInbound(packet(SipSamples.invite() + "trailing junk\r\n"));
        assertThat(next().message().bodyText()).isEqualTo(SipSamples.SDP);
    }

    @Test
    void aSenderTheFilterRefusesGetsNoAnswerAndTheDatagramCountsAsDropped() {
        EmbeddedChannel refusing = TestChannels.datagram(SipLimits.defaults(), counters,
                source -> !source.equals(TestChannels.REMOTE));
        refusing.writeInbound(packet(SipSamples.invite().replaceFirst("Content-Length: \\d+", "Content-Length: 4000")));
        assertThat((Object) refusing.readInbound()).isNull();
        assertThat(written(refusing)).isEmpty();
        assertThat(counters.malformedAnswered()).isZero();
        assertThat(counters.dropped()).isEqualTo(1);
    }

    @Test
    void contentLengthLargerThanTheDatagramIsAnswered() {
        ch.writeInbound(packet(SipSamples.invite().replaceFirst("Content-Length: \\d+", "Content-Length: 4000")));
        assertThat((Object) next()).isNull();
        String out = written(ch);
        assertThat(out).startsWith("SIP/2.0 400 Bad Request (Content-Length larger than the message)\r\n");
        assertThat(out).contains("Via: SIP/2.0/TCP 192.0.2.7:5060;branch=z9hG4bKnashds8\r\n");
        assertThat(counters.malformedAnswered()).isEqualTo(1);
    }

    @Test
    void theAnswerGoesBackToTheSender() {
        ch.writeInbound(packet(SipSamples.register().replace("Call-ID: a84b4c76e66710@192.0.2.7\r\n", "")));
        DatagramPacket p = ch.readOutbound();
        assertThat(p.recipient()).isEqualTo(TestChannels.REMOTE);
        p.release();
    }

    @Test
    void aHeadWithoutItsBlankLineEndsAtTheDatagramEnd() {
        String noBlank = SipSamples.options("nb").replace("\r\n\r\n", "\r\n");
        ch.writeInbound(packet(noBlank));
        assertThat(next().message().callId()).isEqualTo("nb");
    }

    @Test
    void crlfDatagramsAreKeepAlives() {
        ch.writeInbound(packet("\r\n\r\n"));
        ch.writeInbound(packet("\r\n"));
        assertThat((Object) next()).isNull();
        assertThat(written(ch)).isEmpty();
        assertThat(counters.keepAlives()).isEqualTo(2);
        assertThat(counters.dropped()).isZero();
    }

    @Test
    void leadingCrlfBeforeAMessageIsSkipped() {
        ch.writeInbound(packet("\r\n" + SipSamples.options("lead")));
        assertThat(next().message().callId()).isEqualTo("lead");
    }

    @Test
    void badResponsesAreDroppedSilently() {
        ch.writeInbound(packet(SipSamples.response().replace("CSeq: 5 OPTIONS", "CSeq: five")));
        assertThat((Object) next()).isNull();
        assertThat(written(ch)).isEmpty();
        assertThat(counters.dropped()).isEqualTo(1);
    }

    @Test
    void theDatagramIsReleased() {
        DatagramPacket p = packet(SipSamples.invite());
        ch.writeInbound(p);
        assertThat(p.refCnt()).isZero();
    }
}
