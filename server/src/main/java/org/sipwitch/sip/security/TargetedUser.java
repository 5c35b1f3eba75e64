package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;

/**
 * A user id whose failed authentications crossed the threshold, whichever sources they
 * came from. Shown to the operator, never blocked: blocking the user would hand any
 * attacker a way to lock a legitimate user out.
 *
 * @param userId          the user id, cleaned for display
 * @param since           when it first crossed the threshold in this episode
 * @param lastFailure     the latest failure
 * @param failures        failures counted in this episode
 * @param sources         distinct sources seen in this episode (counting stops at
 *                        {@link AuthFailureGuard#MAX_SOURCES_PER_USER})
 * @param lastSource      the source of the latest failure
 */
public record TargetedUser(String userId, Instant since, Instant lastFailure, int failures, int sources,
                           InetAddress lastSource) {

    public String describe() {
        return userId + " since " + since + " failures " + failures + " sources " + sourcesText()
                + " last-source " + lastSourceText();
    }

    /** {@code 3}, or {@code 16+} once counting stopped. */
    public String sourcesText() {
        return sources + (sources >= AuthFailureGuard.MAX_SOURCES_PER_USER ? "+" : "");
    }

    public String lastSourceText() {
        return Sources.format(lastSource);
    }
}
