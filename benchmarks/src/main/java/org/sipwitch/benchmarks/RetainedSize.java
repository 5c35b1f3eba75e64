package org.sipwitch.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.message.SipMessage;

/**
 * Heap kept alive per parsed message, as the transaction tables keep requests for 32 s:
 * parses many copies into a list and compares used heap after full collections. No
 * agent or JOL needed, so it runs anywhere the benchmarks jar does:
 * {@code java -cp benchmarks/target/benchmarks.jar org.sipwitch.benchmarks.RetainedSize [count]}.
 * The list is sized before the first reading, so the figure is the message alone: its
 * headers, body and what the decoder has already parsed (request URI, top Via, From, To,
 * CSeq), not what the layers above may parse later.
 */
public final class RetainedSize {
    private RetainedSize() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SipParser parser = new SipParser(SipLimits.defaults());
        byte[] invite = ParserBenchmark.INVITE.getBytes(StandardCharsets.UTF_8);
        byte[] register = ParserBenchmark.REGISTER.getBytes(StandardCharsets.UTF_8);
        // warm up so that class loading and JIT metadata do not land in the measurement
        measure(parser, invite, 10_000);
        System.out.printf("INVITE with SDP (%d bytes on the wire): %.0f bytes retained per message%n",
                invite.length, measure(parser, invite, count));
        System.out.printf("REGISTER (%d bytes on the wire): %.0f bytes retained per message%n",
                register.length, measure(parser, register, count));
    }

    private static double measure(SipParser parser, byte[] wire, int count) throws Exception {
        List<SipMessage> kept = new ArrayList<>(count);
        long before = usedAfterGc();
        for (int i = 0; i < count; i++) {
            kept.add(parser.parse(wire));
        }
        long after = usedAfterGc();
        double perMessage = (double) (after - before) / count;
        if (kept.size() != count) {
            throw new IllegalStateException("lost messages");
        }
        return perMessage;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // several rounds: one System.gc() may leave floating garbage behind
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
