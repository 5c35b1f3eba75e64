package org.sipwitch.sip.security;

import java.net.InetAddress;

/**
 * What the daemon hears from {@link AuthFailureGuard}: each event once, so it can log one
 * line and emit one JMX notification per event, not one per request. Called on the
 * thread that recorded the failure; implementations must be quick and must not throw
 * (an exception is caught and reported, and the guard carries on).
 */
public interface AuthGuardListener {

    /** A source crossed the threshold and is now blocked. Once per block. */
    default void sourceBlocked(BlockedSource blocked) {
    }

    /** A block was lifted before it lapsed: by the operator, or by a reload that made it trusted. */
    default void sourceReleased(BlockedSource released, String why) {
    }

    /**
     * A trusted source crossed the threshold but is exempt from blocking: worth a
     * warning (a misconfigured phone, or a compromised host inside). Once per threshold.
     */
    default void trustedSourceFailing(InetAddress source, int failures, String lastUser) {
    }

    /** A user id is refused ({@code 403}) at one source after too many wrong passwords there. Once per lock. */
    default void userLocked(UserLock lock) {
    }

    /** A lock was lifted before it lapsed, by the operator. */
    default void userUnlocked(UserLock lock, String why) {
    }

    /** A user id crossed the threshold, from one source or many. Once per episode. */
    default void userTargeted(TargetedUser user) {
    }
}
