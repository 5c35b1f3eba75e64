package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.codec.TestChannels.written;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input, each through the datagram and the stream decoder: it is
 * answered with a 400 or dropped and counted, never decoded, never an exception.
 * The datagram outcome (answer or drop) is pinned; on a stream an incomplete head
 * can only be dropped when the peer goes away.
 */
public class MalformedMessagesTest {
    /** Dropped, or answered with this status line start. */
    public enum Expect {
        ANSWER("SIP/2.0 400 Bad Request ("), SCHEME("SIP/2.0 416 Unsupported URI Scheme\r\n"),
        VERSION("SIP/2.0 505 Version Not Supported\r\n"), DROP(null);

        final String status;

        Expect(String status) {
            this.status = status;
        }
    }

    private static final String BASE = "OPTIONS sip:example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKbase;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:probe@example.net>;tag=7\r\n"
            + "To: <sip:example.net>\r\n"
            + "Call-ID: base-call\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private static final String RESPONSE = SipSamples.response();

    public static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        Random random = new Random(42);
        byte[] noise = new byte[300];
        random.nextBytes(noise);
        // garbage
        add(c, "random bytes", noise, Expect.DROP);
        add(c, "NUL bytes", new byte[64], Expect.DROP);
        add(c, "four NULs", new byte[4], Expect.DROP);
        add(c, "0xff bytes", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, '\r', '\n', '\r', '\n'}, Expect.DROP);
        add(c, "plain text", "hello world", Expect.DROP);
        add(c, "HTTP request", "GET / HTTP/1.1\r\nHost: example.net\r\n\r\n", Expect.DROP);
        add(c, "TLS ClientHello", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc}, Expect.DROP);
        add(c, "method only", "INVITE\r\n\r\n", Expect.DROP);
        add(c, "truncated headers", BASE.substring(0, 90), Expect.DROP);
        // bad start lines, headers good enough to answer
        add(c, "no version", edit(s -> s.replace(" SIP/2.0\r\n", "\r\n")), Expect.ANSWER);
        add(c, "SIP/3.0", edit(s -> s.replaceFirst("SIP/2.0\r\n", "SIP/3.0\r\n")), Expect.VERSION);
        add(c, "SIP/7.0 (RFC 4475 3.3.14)", edit(s -> s.replaceFirst("SIP/2.0\r\n", "SIP/7.0\r\n")), Expect.VERSION);
        add(c, "HTTP version", edit(s -> s.replaceFirst("SIP/2.0\r\n", "HTTP/1.1\r\n")), Expect.ANSWER);
        add(c, "double space", edit(s -> s.replace("OPTIONS sip", "OPTIONS  sip")), Expect.ANSWER);
        add(c, "lower-case method vs CSeq", edit(s -> s.replace("OPTIONS sip", "options sip")), Expect.ANSWER);
        add(c, "illegal method char", edit(s -> s.replace("OPTIONS sip", "OPT@ONS sip")), Expect.ANSWER);
        add(c, "http URI", edit(s -> s.replace("sip:example.net SIP", "http://example.net SIP")), Expect.SCHEME);
        add(c, "unknown scheme (RFC 4475 3.3.12)", edit(s -> s.replace("sip:example.net SIP",
                "nobodyKnowsThisScheme:totallyopaquecontent SIP")), Expect.SCHEME);
        add(c, "bad scheme characters", edit(s -> s.replace("sip:example.net SIP", "9p:x SIP")), Expect.ANSWER);
        for (String h : List.of("CSeq: 1 OPTIONS", "Call-ID: base-call", "From: <sip:probe@example.net>;tag=7",
                "To: <sip:example.net>", "Max-Forwards: 70", "Content-Length: 0")) {
            add(c, "two " + h.substring(0, h.indexOf(':')), edit(s -> s.replace(h + "\r\n", h + "\r\n" + h + "\r\n")),
                    Expect.ANSWER);
        }
        add(c, "two compact Call-IDs", edit(s -> s.replace("Call-ID: base-call\r\n",
                "Call-ID: base-call\r\ni: other-call\r\n")), Expect.ANSWER);
        // 0xC3 then '(' is no UTF-8 sequence; Latin-1 encoding keeps the bytes as written
        add(c, "invalid UTF-8 in display name", edit(s -> s.replace("From: <sip:probe",
                "From: \"J\u00c3(rgen\" <sip:probe")).getBytes(StandardCharsets.ISO_8859_1), Expect.ANSWER);
        add(c, "unescaped control in quoted string", edit(s -> s.replace("From: <sip:probe",
                "From: \"a\u0001b\" <sip:probe")), Expect.ANSWER);
        add(c, "URI without scheme", edit(s -> s.replace("sip:example.net SIP", "example.net SIP")), Expect.ANSWER);
        add(c, "bad escape", edit(s -> s.replace("sip:example.net SIP", "sip:%zz@example.net SIP")), Expect.ANSWER);
        add(c, "bad IPv6", edit(s -> s.replace("sip:example.net SIP", "sip:[2001:db8::g] SIP")), Expect.ANSWER);
        add(c, "open IPv6", edit(s -> s.replace("sip:example.net SIP", "sip:[2001:db8::1 SIP")), Expect.ANSWER);
        add(c, "port too big", edit(s -> s.replace("sip:example.net SIP", "sip:example.net:99999 SIP")), Expect.ANSWER);
        add(c, "junk after version", edit(s -> s.replaceFirst("SIP/2.0\r\n", "SIP/2.0 extra\r\n")), Expect.ANSWER);
        add(c, "NUL in URI", edit(s -> s.replace("sip:example.net SIP", "sip:exa\0mple.net SIP")), Expect.ANSWER);
        add(c, "blank start line", edit(s -> s.replaceFirst("OPTIONS sip:example.net SIP/2.0", "   ")), Expect.ANSWER);
        add(c, "empty tel URI", edit(s -> s.replace("sip:example.net SIP", "tel: SIP")), Expect.ANSWER);
        add(c, "URI without host", edit(s -> s.replace("sip:example.net SIP", "sip:alice@ SIP")), Expect.ANSWER);
        // bad responses are never answered
        add(c, "status 2000", RESPONSE.replace("200 OK", "2000 OK"), Expect.DROP);
        add(c, "status abc", RESPONSE.replace("200 OK", "abc OK"), Expect.DROP);
        add(c, "status 099", RESPONSE.replace("200 OK", "099 Low"), Expect.DROP);
        add(c, "response SIP/3.0", RESPONSE.replace("SIP/2.0 200", "SIP/3.0 200"), Expect.DROP);
        add(c, "response without Via", RESPONSE.replaceFirst("Via: [^\r]*\r\n", ""), Expect.DROP);
        add(c, "response with bad CSeq", RESPONSE.replace("CSeq: 5 OPTIONS", "CSeq: x"), Expect.DROP);
        add(c, "response without From", RESPONSE.replaceFirst("From: [^\r]*\r\n", ""), Expect.DROP);
        // mandatory headers
        add(c, "missing Via", edit(s -> s.replaceFirst("Via: [^\r]*\r\n", "")), Expect.DROP);
        add(c, "missing From", edit(s -> s.replaceFirst("From: [^\r]*\r\n", "")), Expect.ANSWER);
        add(c, "missing To", edit(s -> s.replaceFirst("To: [^\r]*\r\n", "")), Expect.ANSWER);
        add(c, "missing Call-ID", edit(s -> s.replaceFirst("Call-ID: [^\r]*\r\n", "")), Expect.ANSWER);
        add(c, "empty Call-ID", edit(s -> s.replace("Call-ID: base-call", "Call-ID: ")), Expect.ANSWER);
        add(c, "missing CSeq", edit(s -> s.replaceFirst("CSeq: [^\r]*\r\n", "")), Expect.DROP);
        add(c, "ACK without Call-ID", edit(s -> s.replace("OPTIONS", "ACK").replaceFirst("Call-ID: [^\r]*\r\n", "")),
                Expect.DROP);
        // CSeq
        add(c, "CSeq not a number", edit(s -> s.replace("CSeq: 1 OPTIONS", "CSeq: abc OPTIONS")), Expect.DROP);
        add(c, "CSeq method mismatch", edit(s -> s.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")), Expect.ANSWER);
        add(c, "CSeq too big", edit(s -> s.replace("CSeq: 1 OPTIONS", "CSeq: 99999999999 OPTIONS")), Expect.DROP);
        add(c, "CSeq negative", edit(s -> s.replace("CSeq: 1 OPTIONS", "CSeq: -1 OPTIONS")), Expect.DROP);
        add(c, "CSeq without method", edit(s -> s.replace("CSeq: 1 OPTIONS", "CSeq: 1")), Expect.DROP);
        // header lines
        add(c, "header without colon", edit(s -> s.replace("Max-Forwards: 70", "Max-Forwards 70")), Expect.ANSWER);
        add(c, "NUL in a value", edit(s -> s.replace("Max-Forwards: 70", "Subject: a\0b")), Expect.ANSWER);
        add(c, "bare CR in a value", edit(s -> s.replace("Max-Forwards: 70", "Subject: a\rb")), Expect.ANSWER);
        add(c, "DEL in a value", edit(s -> s.replace("Max-Forwards: 70", "Subject: a\u007fb")), Expect.ANSWER);
        add(c, "space in a name", edit(s -> s.replace("Max-Forwards: 70", "Max Forwards: 70")), Expect.ANSWER);
        add(c, "empty name", edit(s -> s.replace("Max-Forwards: 70", ": 70")), Expect.ANSWER);
        add(c, "continuation first", edit(s -> s.replace("SIP/2.0\r\nVia", "SIP/2.0\r\n  folded\r\nVia")),
                Expect.ANSWER);
        add(c, "Via garbage", edit(s -> s.replaceFirst("Via: [^\r]*", "Via: garbage")), Expect.DROP);
        add(c, "Via bad port", edit(s -> s.replace("192.0.2.7:5060", "192.0.2.7:999999")), Expect.DROP);
        add(c, "Via wrong version", edit(s -> s.replace("SIP/2.0/UDP", "SIP/1.0/UDP")), Expect.DROP);
        add(c, "From without >", edit(s -> s.replace("<sip:probe@example.net>", "<sip:probe@example.net")),
                Expect.ANSWER);
        add(c, "To unterminated quote", edit(s -> s.replace("To: <sip:example.net>", "To: \"Bob <sip:b@x>")),
                Expect.ANSWER);
        add(c, "Max-Forwards abc", edit(s -> s.replace("Max-Forwards: 70", "Max-Forwards: abc")), Expect.ANSWER);
        add(c, "Max-Forwards 300", edit(s -> s.replace("Max-Forwards: 70", "Max-Forwards: 300")), Expect.ANSWER);
        // Content-Length
        add(c, "negative Content-Length", edit(s -> s.replace("Content-Length: 0", "Content-Length: -5")), Expect.ANSWER);
        add(c, "Content-Length abc", edit(s -> s.replace("Content-Length: 0", "Content-Length: abc")), Expect.ANSWER);
        add(c, "Content-Length 11 digits", edit(s -> s.replace("Content-Length: 0", "Content-Length: 99999999999")),
                Expect.ANSWER);
        add(c, "Content-Length past the end", edit(s -> s.replace("Content-Length: 0", "Content-Length: 500")),
                Expect.ANSWER);
        add(c, "Content-Length twice", edit(s -> s.replace("Content-Length: 0", "Content-Length: 0\r\nl: 3")),
                Expect.ANSWER);
        add(c, "Content-Length over limit", edit(s -> s.replace("Content-Length: 0", "Content-Length: 70000")),
                Expect.ANSWER);
        add(c, "Content-Length empty", edit(s -> s.replace("Content-Length: 0", "Content-Length:")), Expect.ANSWER);
        // limits
        add(c, "over-long header line", edit(s -> s.replace("Max-Forwards: 70", "X-Big: " + "a".repeat(10_000))),
                Expect.DROP);
        add(c, "too many headers", edit(s -> s.replace("Max-Forwards: 70", "X-H: 1\r\n".repeat(200) + "X-H: 1")),
                Expect.DROP);
        add(c, "over-long Request-URI", edit(s -> s.replace("sip:example.net SIP", "sip:" + "u".repeat(9000) + "@h SIP")),
                Expect.DROP);
        add(c, "huge message", "OPTIONS sip:x SIP/2.0\r\n" + ("X-Fill: " + "f".repeat(100) + "\r\n").repeat(700),
                Expect.DROP);
        add(c, "a thousand Vias", edit(s -> s.replace("Max-Forwards: 70",
                "Via: SIP/2.0/UDP h;branch=z9hG4bKx\r\n".repeat(999) + "X: y")), Expect.DROP);
        return c.stream();
    }

    private static String edit(UnaryOperator<String> change) {
        return change.apply(BASE);
    }

    private static void add(List<Arguments> c, String name, String text, Expect expect) {
        add(c, name, text.getBytes(StandardCharsets.UTF_8), expect);
    }

    private static void add(List<Arguments> c, String name, byte[] bytes, Expect expect) {
        c.add(Arguments.of(name, bytes, expect));
    }

    @Test
    void theCollectionIsLargeEnough() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "datagram: {0}")
    @MethodSource("cases")
    void datagramIsAnsweredOrDropped(String name, byte[] bytes, Expect expect) {
        CodecCounters counters = new CodecCounters();
        EmbeddedChannel ch = TestChannels.datagram(SipLimits.defaults(), counters);
        ch.writeInbound(TestChannels.packet(bytes));
        ch.checkException();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(counters.decoded()).isZero();
        String out = written(ch);
        if (expect != Expect.DROP) {
            assertThat(out).startsWith(expect.status);
            assertThat(out.substring(0, out.indexOf("\r\n"))).doesNotContain("\0");
            assertThat(counters.malformedAnswered()).isEqualTo(1);
        } else {
            assertThat(out).isEmpty();
            assertThat(counters.dropped()).isEqualTo(1);
        }
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("cases")
    void streamIsAnsweredOrDropped(String name, byte[] bytes, Expect expect) {
        CodecCounters counters = new CodecCounters();
        EmbeddedChannel ch = TestChannels.stream(SipLimits.defaults(), counters);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        ch.checkException();
        String out = written(ch);
        ch.finish(); // the peer goes away: an incomplete head is dropped then
        ch.checkException();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(counters.decoded()).isZero();
        assertThat(counters.malformedAnswered() + counters.dropped()).isEqualTo(1);
        if (counters.malformedAnswered() == 1) {
            assertThat(out).startsWith(expect == Expect.DROP ? "SIP/2.0 400 Bad Request (" : expect.status);
        }
    }
}
