package org.sipwitch.sip.server;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * One full collection between the warm-up and the first phone. What the daemon keeps for
 * good (configuration, users, caches, event loops and their buffers) was made moments
 * before and sits in the young generation; G1 would copy it from survivor space to
 * survivor space at every young pause until it has aged 15 times: 6–7 MiB a pause on the
 * benchmark's configuration, a quarter to a third of what each pause of a freshly started
 * daemon copied under calls (docs/benchmarks.md, "The heap settled before {@code ready}").
 * A full collection moves it to the old generation at once, before {@code ready}, where a
 * pause costs nobody.
 */
public final class HeapSettling {

    /** What the collection took. */
    public record Result(long millis, long collections) {
    }

    private HeapSettling() {
    }

    /**
     * Collects the whole heap now ({@code System.gc()}: a full, stop-the-world collection
     * with G1 unless the JVM runs with {@code -XX:+DisableExplicitGC}, which makes this a
     * no-op, or {@code -XX:+ExplicitGCInvokesConcurrent}).
     *
     * @return the wall time and how many collections the JVM counted meanwhile (0: none ran)
     */
    public static Result now() {
        long before = collections();
        long start = System.nanoTime();
        System.gc();
        return new Result((System.nanoTime() - start) / 1_000_000L, collections() - before);
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
