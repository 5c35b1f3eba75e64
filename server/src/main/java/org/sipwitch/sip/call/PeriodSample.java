package org.sipwitch.sip.call;

import org.sipwitch.mbeans.PeriodStats;

/**
 * One entity's calls over one collection period ({@code pstats}).
 *
 * @param incoming       calls received in the period
 * @param outgoing       calls placed in the period
 * @param minConcurrent  fewest calls active at once in the period
 * @param maxConcurrent  most calls active at once in the period
 */
public record PeriodSample(String name, long start, long end, long incoming, long outgoing, int minConcurrent,
                           int maxConcurrent) {

    public PeriodStats toPeriodStats() {
        int minutes = (int) Math.max(0, (end - start) / 60_000);
        return new PeriodStats(name, start, minutes, incoming, outgoing, maxConcurrent);
    }
}
