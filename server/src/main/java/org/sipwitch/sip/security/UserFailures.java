package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Failed authentications for one user id from any source, for {@link AuthFailureGuard}.
 * An episode lasts while failures keep coming less than {@code visible} apart; then it is
 * forgotten. Guarded by its own monitor.
 */
final class UserFailures {

    private final SlidingCount count;
    private final InetAddress[] sources = new InetAddress[AuthFailureGuard.MAX_SOURCES_PER_USER];
    private int sourceCount;
    private InetAddress lastSource;
    private int failures;
    boolean targeted;
    private long sinceMillis;
    private long lastMillis;
    private long lastNanos;

    UserFailures(long now) {
        count = new SlidingCount(now);
        lastNanos = now;
    }

    /** Counts one failure; returns the alert to raise when it made the user targeted, else null. */
    TargetedUser add(long now, long wall, long window, long visible, int threshold, String user, InetAddress source) {
        if (now - lastNanos > visible) {
            count.reset(now); // the previous episode is over and forgotten
            failures = 0;
            sourceCount = 0;
            targeted = false;
        }
        lastNanos = now;
        lastMillis = wall;
        lastSource = source;
        failures++;
        noteSource(source);
        if (count.add(now, window) >= threshold && !targeted) {
            targeted = true;
            sinceMillis = wall;
            return snapshot(user);
        }
        return null;
    }

    private void noteSource(InetAddress source) {
        for (int i = 0; i < sourceCount; i++) {
            if (sources[i].equals(source)) {
                return;
            }
        }
        if (sourceCount < sources.length) {
            sources[sourceCount++] = source;
        }
        // past the array: the count is saturated and shown as "16+"
    }

    synchronized boolean isForgotten(long now, long visible) {
        return now - lastNanos > visible;
    }

    TargetedUser snapshot(String user) {
        return new TargetedUser(user, Instant.ofEpochMilli(sinceMillis), Instant.ofEpochMilli(lastMillis), failures,
                sourceCount, lastSource);
    }
}
