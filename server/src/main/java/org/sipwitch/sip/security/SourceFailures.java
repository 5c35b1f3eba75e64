package org.sipwitch.sip.security;

/** Failed authentications from one source, for {@link AuthFailureGuard}. Guarded by its own monitor. */
final class SourceFailures {

    private final SlidingCount count;
    int episodeFailures;
    /** The user id of the first failure in this episode, and whether others followed. */
    String firstUser;
    boolean mixedUsers;

    SourceFailures(long now) {
        count = new SlidingCount(now);
    }

    /** Counts one failure; returns the failures within the window ending now. */
    double add(long now, long window, String user) {
        if (episodeFailures == 0) {
            firstUser = user;
        } else if (!user.equals(firstUser)) {
            mixedUsers = true;
        }
        episodeFailures++;
        return count.add(now, window);
    }

    void reset(long now) {
        count.reset(now);
        episodeFailures = 0;
        firstUser = null;
        mixedUsers = false;
    }

    /** Nothing counted for two windows: the entry can go without changing any decision. */
    synchronized boolean isIdle(long now, long window) {
        return count.isIdle(now, window);
    }
}
