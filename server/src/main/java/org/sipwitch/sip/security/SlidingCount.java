package org.sipwitch.sip.security;

/**
 * Events within the last window, estimated from two fixed windows: the current one
 * counted exactly, plus the previous one weighted by how much of it still overlaps the
 * sliding window. A plain fixed window would let a guesser fit twice the threshold
 * around a window boundary; storing every timestamp would cost memory per failure.
 * This costs three fields. Not thread-safe: the owner synchronizes.
 */
final class SlidingCount {

    private long windowStart;
    private int current;
    private int previous;

    SlidingCount(long now) {
        windowStart = now;
    }

    /** Counts one event at {@code now}; returns the estimate over the window ending now. */
    double add(long now, long window) {
        roll(now, window);
        if (current < Integer.MAX_VALUE) {
            current++;
        }
        return estimate(now, window);
    }

    double estimate(long now, long window) {
        roll(now, window);
        double overlap = (double) (window - (now - windowStart)) / window;
        return previous * Math.max(0.0, overlap) + current;
    }

    /** True when nothing was counted for two windows: the entry can be forgotten. */
    boolean isIdle(long now, long window) {
        return now - windowStart >= 2 * window;
    }

    void reset(long now) {
        windowStart = now;
        current = 0;
        previous = 0;
    }

    private void roll(long now, long window) {
        long elapsed = now - windowStart;
        if (elapsed < window) {
            return;
        }
        long windows = elapsed / window;
        previous = windows == 1 ? current : 0;
        current = 0;
        windowStart += windows * window;
    }
}
