package org.sipwitch.sip.call;

/**
 * The call counts of one entity (a user, {@value CallStatistics#SYSTEM}, a gateway...) since start.
 *
 * @param name     the entity
 * @param inTotal  calls received
 * @param outTotal calls placed
 * @param current  calls active now
 * @param peak     most calls active at once
 * @param lastCall time of the last call, epoch milliseconds, 0 if none
 */
public record EntityTotals(String name, long inTotal, long outTotal, int current, int peak, long lastCall) {
}
