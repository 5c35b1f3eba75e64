package org.sipwitch.management;

import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;

/** The counters of one entity; guarded by its own monitor (short critical sections). */
final class EntityCounter {

    private final String name;
    private long inTotal;
    private long outTotal;
    private int current;
    private int peak;
    private long lastCall;
    // the period in progress
    private long periodIn;
    private long periodOut;
    private int periodPeak;

    EntityCounter(String name) {
        this.name = name;
    }

    synchronized void started(boolean incoming, long now) {
        if (incoming) {
            inTotal++;
            periodIn++;
        } else {
            outTotal++;
            periodOut++;
        }
        current++;
        peak = Math.max(peak, current);
        periodPeak = Math.max(periodPeak, current);
        lastCall = now;
    }

    synchronized void ended() {
        if (current > 0) { // an end without a start (wired late) must not go negative
            current--;
        }
    }

    synchronized EntityStats stats() {
        return new EntityStats(name, inTotal, outTotal, current, peak, lastCall);
    }

    /** Closes the period in progress: returns its figures and starts the next one. */
    synchronized PeriodStats roll(long periodStart, int minutes) {
        PeriodStats p = new PeriodStats(name, periodStart, minutes, periodIn, periodOut, periodPeak);
        periodIn = 0;
        periodOut = 0;
        periodPeak = current;
        return p;
    }
}
