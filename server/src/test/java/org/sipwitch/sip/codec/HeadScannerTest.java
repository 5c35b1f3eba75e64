package org.sipwitch.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadScannerTest {
    private static final SipLimits SMALL = new SipLimits(60, 3, 6, 60);

    @Test
    void findsTheBlankLineWithOrWithoutCr() throws Exception {
        assertThat(scan("A\r\nB: c\r\n\r\nbody")).isEqualTo(11);
        assertThat(scan("A\nB: c\n\nbody")).isEqualTo(8);
        assertThat(scan("A\r\n\r\r\n")).as("a line of CRs only is blank").isEqualTo(6);
        assertThat(scan("A\r\nB: c\r\n")).isEqualTo(-1);
    }

    @Test
    void crBytesDoNotCountTowardsTheLineLength() throws Exception {
        assertThat(scan("abcdef\r\r\r\n\n")).isEqualTo(11);
        assertThatThrownBy(() -> scan("abcdefg\r\n\n")).hasMessage("Line too long");
    }

    @Test
    void limitsApplyBeforeTheBlankLineArrives() {
        assertThatThrownBy(() -> scan("abcdefg")).hasMessage("Line too long");
        assertThatThrownBy(() -> scan("a\nb\nc\nd\ne\n")).hasMessage("Too many headers");
    }

    /** Agrees with the byte-at-a-time scanner it replaced, on random heads fed in random pieces. */
    @Test
    void sameOutcomesAsVisitingEveryByte() {
        Random random = new Random(3261);
        byte[] alphabet = {'a', 'b', ' ', ':', '\r', '\r', '\n', '\n'};
        for (int round = 0; round < 20_000; round++) {
            byte[] input = new byte[1 + random.nextInt(80)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            List<Integer> cuts = new ArrayList<>();
            for (int at = 0; at < input.length; ) {
                at = Math.min(input.length, at + 1 + random.nextInt(12));
                cuts.add(at);
            }
            assertThat(feed(new HeadScanner(SMALL)::scan, input, cuts))
                    .as(new String(input, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(feed(new ByteAtATime(SMALL)::scan, input, cuts));
        }
    }

    private interface Scan {
        int scan(ByteBuf buf, int end) throws FramingException;
    }

    /** The outcome after each piece arrives: a head length, -1, or the error. */
    private static List<String> feed(Scan scanner, byte[] input, List<Integer> cuts) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        List<String> outcomes = new ArrayList<>();
        for (int end : cuts) {
            try {
                int found = scanner.scan(buf, end);
                outcomes.add(Integer.toString(found));
                if (found >= 0) {
                    break;
                }
            } catch (FramingException e) {
                outcomes.add(e.getMessage());
                break;
            }
        }
        return outcomes;
    }

    private static int scan(String head) throws FramingException {
        ByteBuf buf = Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII);
        return new HeadScanner(SMALL).scan(buf, buf.writerIndex());
    }

    /** The scanner as it was before it searched for line feeds: every byte visited, for comparison. */
    private static final class ByteAtATime implements ByteProcessor {
        private final SipLimits limits;
        private int scanned;
        private int lineLength;
        private int lines;
        private String error;

        ByteAtATime(SipLimits limits) {
            this.limits = limits;
        }

        int scan(ByteBuf buf, int end) throws FramingException {
            int from = buf.readerIndex() + scanned;
            int length = end - from;
            if (length <= 0) {
                return -1;
            }
            int found = buf.forEachByte(from, length, this);
            if (error != null) {
                throw new FramingException(error);
            }
            if (found < 0) {
                scanned += length;
                if (scanned > limits.maxMessageSize()) {
                    throw new FramingException("Message too large");
                }
                return -1;
            }
            int headLength = found + 1 - buf.readerIndex();
            if (headLength > limits.maxMessageSize()) {
                throw new FramingException("Message too large");
            }
            return headLength;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\n') {
                if (lineLength == 0) {
                    return false;
                }
                if (++lines > limits.maxHeaderCount() + 1) {
                    error = "Too many headers";
                    return false;
                }
                lineLength = 0;
            } else if (b != '\r') {
                if (++lineLength > limits.maxLineLength()) {
                    error = "Line too long";
                    return false;
                }
            }
            return true;
        }
    }
}
