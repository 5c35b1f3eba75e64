package org.sipwitch.sip.security;

import java.util.Objects;

/**
 * The abuse protection knobs the gate works with (the server fills them from
 * {@code <security>}).
 *
 * @param authFailures     failed authentications from one source (or for one user id) within
 *                         {@code authWindow} before the source is blocked
 * @param authWindow       counting window, seconds
 * @param blockTime        how long a source stays blocked, seconds
 * @param blockAction      what a blocked source gets
 * @param rateLimit        requests per second allowed per source; 0 = no limit
 * @param rateBurst        token-bucket burst size per source
 * @param queueLimit       pending work items before the server sheds load with 503
 * @param queueDelay       milliseconds the oldest pending work item may have waited before the
 *                         server sheds new work with 503; 0 = no delay limit
 * @param retryAfter       Retry-After seconds sent with 503
 */
public record SecuritySettings(int authFailures, int authWindow, int blockTime, BlockAction blockAction,
                               int rateLimit, int rateBurst, int queueLimit, int queueDelay, int retryAfter) {

    /** What a blocked source gets: silence, or a 403. */
    public enum BlockAction {
        DROP,
        REJECT
    }

    public SecuritySettings {
        Objects.requireNonNull(blockAction, "blockAction");
    }
}
