package org.sipwitch.mbeans;

/**
 * Statistics of one entity over the last completed collection period ({@code pstats}).
 *
 * @param name        the entity
 * @param periodStart start of the period, epoch milliseconds
 * @param periodStartIso the same as ISO-8601 UTC text
 * @param minutes     length of the period in minutes
 * @param incoming    calls received in the period
 * @param outgoing    calls placed in the period
 * @param peak        most calls active at once in the period
 * @param minimum     fewest calls active at once in the period
 */
public record PeriodStats(String name, long periodStart, String periodStartIso, int minutes, long incoming,
                          long outgoing, int peak, int minimum) {

    /** With {@code periodStartIso} made from the epoch value. */
    public PeriodStats(String name, long periodStart, int minutes, long incoming, long outgoing, int peak,
                       int minimum) {
        this(name, periodStart, Iso.of(periodStart), minutes, incoming, outgoing, peak, minimum);
    }
}
