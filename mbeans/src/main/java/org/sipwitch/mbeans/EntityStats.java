package org.sipwitch.mbeans;

/**
 * Call statistics of one entity (a user, the system, a gateway...) as {@code stats} shows it.
 *
 * @param name     the entity
 * @param inTotal  calls received since start
 * @param outTotal calls placed since start
 * @param current  calls active now
 * @param peak     most calls active at once
 * @param lastCall time of the last call, epoch milliseconds, 0 if none
 * @param lastCallIso the same as ISO-8601 UTC text, empty if none
 */
public record EntityStats(String name, long inTotal, long outTotal, int current, int peak, long lastCall,
                          String lastCallIso) {

    /** With {@code lastCallIso} made from the epoch value. */
    public EntityStats(String name, long inTotal, long outTotal, int current, int peak, long lastCall) {
        this(name, inTotal, outTotal, current, peak, lastCall, Iso.of(lastCall));
    }
}
