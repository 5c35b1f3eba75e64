package org.sipwitch.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.sipwitch.sip.transaction.CallIdExecutor;

/**
 * The cost of handing work from an event loop to the per-Call-ID lanes, as every inbound
 * request and timer does: one producer thread offers tasks over 256 Call-IDs to four lanes,
 * and the time and the bytes allocated (by every thread, lanes included) per task are
 * printed, best of five rounds. The tasks themselves are one shared, allocation-free
 * {@code Runnable}, so what is measured is the queue.
 * {@code java -cp benchmarks/target/benchmarks.jar org.sipwitch.benchmarks.LaneHandoff [tasks]}.
 */
public final class LaneHandoff {
    private LaneHandoff() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        String[] keys = new String[256];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "call-" + i + "@bench";
        }
        double bestNs = Double.MAX_VALUE;
        double bestBytes = Double.MAX_VALUE;
        try (CallIdExecutor lanes = new CallIdExecutor(4, Integer.MAX_VALUE)) {
            for (int round = 0; round < 6; round++) {
                AtomicLong done = new AtomicLong();
                CountDownLatch finished = new CountDownLatch(1);
                Runnable task = () -> {
                    if (done.incrementAndGet() == tasks) {
                        finished.countDown();
                    }
                };
                long bytes0 = allocated();
                long t0 = System.nanoTime();
                for (int i = 0; i < tasks; i++) {
                    lanes.execute(keys[i & 255], task);
                }
                finished.await();
                long ns = System.nanoTime() - t0;
                long bytes = allocated() - bytes0;
                if (round > 0) { // the first round is warm-up
                    bestNs = Math.min(bestNs, (double) ns / tasks);
                    bestBytes = Math.min(bestBytes, (double) bytes / tasks);
                }
            }
        }
        System.out.printf("lane hand-off: %.0f ns per task (wall, producer to last lane), %.1f bytes allocated per task%n",
                bestNs, bestBytes);
    }

    /** Bytes allocated so far by every live thread. */
    private static long allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
