package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.net.InboundMessage;
import org.slf4j.LoggerFactory;

/**
 * Mutation fuzzing of both decoders with damaged SIP ({@link SipMutator}): whatever
 * comes in, no exception escapes (the pipeline never sees one, the decoders' own
 * "bug of ours" safety net never fires), and each datagram has exactly one outcome —
 * a decoded message whose mandatory headers parse, a 400 answer, a keep-alive, or a
 * counted drop. Streams end in decoded messages, 400 answers and counted drops only.
 *
 * <p>300,000 cases by default (about 20 s on two cores); more with
 * {@code -Dsipwitch.fuzz.cases=N}, another sequence with {@code -Dsipwitch.fuzz.seed=S}.
 * A failure prints the seed, case number and input in hex.
 */
class CodecFuzzTest {
    static final long SEED = Long.getLong("sipwitch.fuzz.seed", 20261129L);
    static final int CASES = Integer.getInteger("sipwitch.fuzz.cases", 300_000);
    static final SipLimits LIMITS = SipLimits.defaults();

    final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    final CodecCounters counters = new CodecCounters();
    final Map<String, Integer> outcomes = new TreeMap<>();

    @BeforeEach
    void watchSafetyNets() {
        warnings.start();
        for (Class<?> c : new Class<?>[] {SipDatagramDecoder.class, SipStreamDecoder.class}) {
            Logger l = (Logger) LoggerFactory.getLogger(c);
            l.addAppender(warnings);
        }
    }

    @AfterEach
    void release() {
        for (Class<?> c : new Class<?>[] {SipDatagramDecoder.class, SipStreamDecoder.class}) {
            ((Logger) LoggerFactory.getLogger(c)).detachAppender(warnings);
        }
        System.out.println(getClass().getSimpleName() + " seed " + SEED + ": " + outcomes + " " + counters);
    }

    void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    static String describe(int i, byte[] input) {
        return "seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input);
    }

    @Test
    void everyDatagramHasExactlyOneOutcomeAndNothingEscapes() {
        SplittableRandom random = new SplittableRandom(SEED);
        EmbeddedChannel ch = TestChannels.datagram(LIMITS, counters);
        int cases = CASES * 2 / 3;
        for (int i = 0; i < cases; i++) {
            byte[] input = SipMutator.mutate(random);
            long decoded = counters.decoded();
            long answered = counters.malformedAnswered();
            long dropped = counters.dropped();
            long pings = counters.keepAlives();
            ch.writeInbound(TestChannels.packet(input));
            ch.checkException();
            Object in = ch.readInbound();
            String out = TestChannels.written(ch);
            long total = counters.decoded() - decoded + counters.malformedAnswered() - answered
                    + counters.dropped() - dropped + counters.keepAlives() - pings;
            assertThat(total).as(describe(i, input)).isEqualTo(1);
            if (counters.decoded() > decoded) {
                assertThat(in).as(describe(i, input)).isInstanceOf(InboundMessage.class);
                wellFormed(((InboundMessage) in).message(), i, input);
                count("decoded");
            } else {
                assertThat(in).as(describe(i, input)).isNull();
                if (counters.malformedAnswered() > answered) {
                    assertThat(out).as(describe(i, input)).matches("(?s)SIP/2\\.0 (400|416|505) .*");
                    count("answered " + out.substring(8, 11));
                } else {
                    assertThat(out).as(describe(i, input)).isEmpty();
                    count(counters.dropped() > dropped ? "dropped" : "keep-alive");
                }
            }
            assertThat(warnings.list).as(describe(i, input)).isEmpty();
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
        assertThat(outcomes.keySet()).contains("decoded", "dropped").anyMatch(k -> k.startsWith("answered 400"));
    }

    @Test
    void streamsFedDamagedMessagesInPiecesNeverLetAnExceptionOut() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int cases = CASES / 3;
        for (int i = 0; i < cases; i++) {
            byte[] input = SipMutator.mutate(random);
            if (random.nextInt(4) == 0) { // a good message first: the damage comes mid-stream
                input = concat(SipMutator.seed(random), input);
            }
            long before = counters.decoded() + counters.malformedAnswered() + counters.dropped()
                    + counters.keepAlives();
            long decodedBefore = counters.decoded();
            EmbeddedChannel ch = TestChannels.stream(LIMITS, counters);
            int pos = 0;
            while (pos < input.length && ch.isOpen()) { // the decoder closes a stream whose framing is lost
                int piece = Math.min(input.length - pos, 1 + random.nextInt(Math.max(1, input.length / 2 + 1)));
                ch.writeInbound(Unpooled.wrappedBuffer(input, pos, piece));
                ch.checkException();
                pos += piece;
            }
            ch.finish(); // the peer hangs up: whatever is half read is counted as dropped
            ch.checkException();
            int messages = 0;
            Object in;
            while ((in = ch.readInbound()) != null) {
                assertThat(in).as(describe(i, input)).isInstanceOf(InboundMessage.class);
                wellFormed(((InboundMessage) in).message(), i, input);
                ReferenceCountUtil.release(in);
                messages++;
            }
            Object o;
            while ((o = ch.readOutbound()) != null) {
                String text = ((ByteBuf) o).toString(StandardCharsets.UTF_8);
                ((ByteBuf) o).release();
                assertThat(text).as(describe(i, input)).matches("(?s)(\r\n|SIP/2\\.0 (400|416|505) .*)");
            }
            assertThat(counters.decoded() - decodedBefore).as(describe(i, input)).isEqualTo(messages);
            long after = counters.decoded() + counters.malformedAnswered() + counters.dropped() + counters.keepAlives();
            if (after == before) {
                assertThat(onlyLineBreaks(input)).as("no outcome counted for " + describe(i, input)).isTrue();
            }
            count(messages > 0 ? "with messages" : "without messages");
            assertThat(warnings.list).as(describe(i, input)).isEmpty();
        }
    }

    /** What the layers above call on every message must not throw anything but SipParseException. */
    private static void wellFormed(SipMessage m, int i, byte[] input) {
        try {
            m.topVia();
            m.cseq();
            m.from();
            m.to();
            assertThat(m.callId()).as(describe(i, input)).isNotNull();
        } catch (SipParseException e) {
            // an answerable problem, as a 400 from the transaction layer would say
        }
    }

    private static boolean onlyLineBreaks(byte[] b) {
        for (byte x : b) {
            if (x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static {
        ((Logger) LoggerFactory.getLogger(SipStreamDecoder.class)).setLevel(Level.INFO); // no debug per case
    }
}
