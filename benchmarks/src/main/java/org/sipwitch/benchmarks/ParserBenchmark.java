package org.sipwitch.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;

/**
 * Messages per second through the SIP parser (datagram rules, mandatory-header checks
 * included, as the UDP decoder runs it) for a typical REGISTER and an INVITE with SDP,
 * from pooled direct buffers like the ones the transports read into; and the encoder
 * for comparison. Run: {@code java -jar benchmarks/target/benchmarks.jar ParserBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ParserBenchmark {
    static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.7\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.7\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 18 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:18 G729/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";

    /** A REGISTER as a desk phone sends it after a 401: with credentials. */
    static final String REGISTER = "REGISTER sip:example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:201@example.net>;tag=1928301774\r\n"
            + "To: \"Alice\" <sip:201@example.net>\r\n"
            + "Call-ID: a84b4c76e66710@192.0.2.7\r\n"
            + "CSeq: 2 REGISTER\r\n"
            + "Contact: <sip:201@192.0.2.7:5060;transport=udp>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";expires=3600\r\n"
            + "Authorization: Digest username=\"201\", realm=\"example.net\", nonce=\"5f3d2a1b0c9e8d7f\", "
            + "uri=\"sip:example.net\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, "
            + "cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE\r\n"
            + "Supported: replaces, path, gruu\r\n"
            + "User-Agent: Deskphone 4.1.2\r\n"
            + "Expires: 3600\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final String INVITE = "INVITE sip:202@example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKnashds8;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:201@example.net>;tag=1928301774\r\n"
            + "To: <sip:202@example.net>\r\n"
            + "Call-ID: 3848276298220188511@192.0.2.7\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:201@192.0.2.7:5060>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE\r\n"
            + "Supported: replaces, timer\r\n"
            + "User-Agent: Deskphone 4.1.2\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    private SipParser parser;
    private ByteBuf register;
    private ByteBuf invite;
    private SipMessage parsedInvite;
    private ByteBuf out;

    @Setup
    public void setUp() throws SipParseException {
        parser = new SipParser(SipLimits.defaults());
        register = direct(REGISTER);
        invite = direct(INVITE);
        parsedInvite = parser.parse(invite.duplicate());
        out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
    }

    private static ByteBuf direct(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return PooledByteBufAllocator.DEFAULT.directBuffer(b.length).writeBytes(b);
    }

    @TearDown
    public void tearDown() {
        register.release();
        invite.release();
        out.release();
    }

    @Benchmark
    public SipMessage parseRegister() throws SipParseException {
        register.readerIndex(0);
        return parser.parse(register);
    }

    @Benchmark
    public SipMessage parseInviteWithSdp() throws SipParseException {
        invite.readerIndex(0);
        return parser.parse(invite);
    }

    @Benchmark
    public int encodeInviteWithSdp() {
        out.clear();
        SipEncoder.encode(parsedInvite, out);
        return out.readableBytes();
    }
}
