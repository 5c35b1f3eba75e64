package org.sipwitch.sip.call;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.sipwitch.mbeans.EntityStats;

/**
 * The counters of one entity ({@code system} or a user). Calls of one user run on
 * several lanes at once, so these are atomics; reads for {@code stats} may be a few
 * calls apart from each other, which is fine for statistics.
 */
final class EntityCounters {
    final String name;
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile long lastCall;
    // the running period
    private final AtomicLong periodIn = new AtomicLong();
    private final AtomicLong periodOut = new AtomicLong();
    private final AtomicInteger periodMin = new AtomicInteger();
    private final AtomicInteger periodMax = new AtomicInteger();

    EntityCounters(String name) {
        this.name = name;
    }

    void started(boolean incoming, boolean outgoing, long now) {
        if (incoming) {
            in.incrementAndGet();
            periodIn.incrementAndGet();
        }
        if (outgoing) {
            out.incrementAndGet();
            periodOut.incrementAndGet();
        }
        int c = current.incrementAndGet();
        peak.accumulateAndGet(c, Math::max);
        periodMax.accumulateAndGet(c, Math::max);
        lastCall = now;
    }

    void ended() {
        int c = current.updateAndGet(v -> v > 0 ? v - 1 : 0);
        periodMin.accumulateAndGet(c, Math::min);
    }

    int current() {
        return current.get();
    }

    EntityStats snapshot() {
        return new EntityStats(name, in.get(), out.get(), current.get(), peak.get(), lastCall);
    }

    /** Closes the running period: its counts, and min/max concurrency; the next starts at the current level. */
    PeriodSample roll(long start, long end) {
        int c = current.get();
        PeriodSample s = new PeriodSample(name, start, end, periodIn.getAndSet(0), periodOut.getAndSet(0),
                Math.min(periodMin.getAndSet(c), c), Math.max(periodMax.getAndSet(c), c));
        return s;
    }
}
