package org.sipwitch.sip.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The user ids that failed to authenticate from one source in the current window, for
 * {@link AuthFailureGuard}: a phone fails for its own user, a scanner for many. The
 * window starts at the first failure and lasts {@code <auth-window>}. Guarded by its own
 * monitor; holds at most {@code scanUsers} names.
 */
final class SourceFailures {
    private final List<String> names = new ArrayList<>(4);
    private long windowStart;
    int failures;

    SourceFailures(long now) {
        windowStart = now;
    }

    /** Counts one failure for {@code user}; returns the distinct names tried in this window. */
    synchronized int add(long now, long window, String user, int cap) {
        if (now - windowStart > window) {
            names.clear();
            failures = 0;
            windowStart = now;
        }
        failures++;
        if (!names.contains(user) && names.size() < cap) {
            names.add(user);
        }
        return names.size();
    }

    /** The user authenticated from here: its own failures say nothing about scanning any more. */
    synchronized void forgive(String user) {
        names.remove(user);
    }

    synchronized List<String> names() {
        return List.copyOf(names);
    }

    synchronized void reset(long now) {
        names.clear();
        failures = 0;
        windowStart = now;
    }

    /** Nothing counted for two windows: the entry can go without changing any decision. */
    synchronized boolean isIdle(long now, long window) {
        return now - windowStart > 2 * window;
    }
}
