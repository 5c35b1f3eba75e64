package org.sipwitch.sip.security;

/**
 * The Java-side settings of the guards that are not in {@code <security>}: table caps
 * (memory bounds) and the trusted-network exemptions.
 *
 * @param maxSources    sources with failure counters (at most this many)
 * @param maxUsers      user ids with failure counters
 * @param maxBlocked    blocked sources at once
 * @param maxBuckets    per-source token buckets
 * @param exemptTrusted trusted sources ({@code <access><trusted>}) are counted but never
 *                      blocked, and not rate-limited: the operator vouched for them, and a
 *                      spoofed failure flood must not cut off the site's own PBX or gateway
 */
public record GuardLimits(int maxSources, int maxUsers, int maxBlocked, int maxBuckets, boolean exemptTrusted) {

    /**
     * About 100 bytes an entry: tens of megabytes at worst, whatever the flood.
     */
    public static GuardLimits defaults() {
        return new GuardLimits(50_000, 50_000, 50_000, 100_000, true);
    }

    public GuardLimits {
        if (maxSources < 1 || maxUsers < 1 || maxBlocked < 1 || maxBuckets < 1) {
            throw new IllegalArgumentException("table caps must be at least 1");
        }
    }

    public GuardLimits withExemptTrusted(boolean exempt) {
        return new GuardLimits(maxSources, maxUsers, maxBlocked, maxBuckets, exempt);
    }
}
