package org.sipwitch.sip.call;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    void started(boolean incoming, long now) {
        if (incoming) {
            in.incrementAndGet();
            periodIn.incrementAndGet();
        } else {
            out.incrementAndGet();
            periodOut.incrementAndGet();
        }
        int c = current.incrementAndGet();
        peak.accumulateAndGet(c, Math::max);
        periodMax.accumulateAndGet(c, Math::max);
        lastCall = now;
    }

    void ended() {
        // an end without a start (a counter wired late) must not go negative
        int c = current.updateAndGet(v -> v > 0 ? v - 1 : 0);
        periodMin.accumulateAndGet(c, Math::min);
    }

    EntityTotals snapshot() {
        return new EntityTotals(name, in.get(), out.get(), current.get(), peak.get(), lastCall);
    }

    /** Closes the running period: its counts, and min/max concurrency; the next starts at the current level. */
    PeriodTotals roll(long start, int minutes) {
        int c = current.get();
        return new PeriodTotals(name, start, minutes, periodIn.getAndSet(0), periodOut.getAndSet(0),
                Math.max(periodMax.getAndSet(c), c), Math.min(periodMin.getAndSet(c), c));
    }
}
