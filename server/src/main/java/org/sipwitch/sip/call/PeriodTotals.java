package org.sipwitch.sip.call;

/**
 * The call counts of one entity over one completed period ({@link CallStatistics#rollPeriod}).
 *
 * @param name        the entity
 * @param periodStart start of the period, epoch milliseconds
 * @param minutes     length of the period in minutes
 * @param incoming    calls received in the period
 * @param outgoing    calls placed in the period
 * @param peak        most calls active at once in the period
 * @param minimum     fewest calls active at once in the period
 */
public record PeriodTotals(String name, long periodStart, int minutes, long incoming, long outgoing, int peak,
                           int minimum) {
}
