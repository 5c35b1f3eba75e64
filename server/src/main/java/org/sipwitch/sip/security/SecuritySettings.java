package org.sipwitch.sip.security;

import java.util.Objects;

/**
 * The abuse protection knobs the gate works with (the server fills them from
 * {@code <security>}).
 *
 * @param authFailures     failed authentications for one user id from one source within
 *                         {@code authWindow} before that user is refused ({@code 403}) there
 * @param scanUsers        distinct user ids that failed from one source within {@code authWindow}
 *                         before the whole source is blocked (a scanner, not a phone)
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
                               int rateLimit, int rateBurst, int queueLimit, int queueDelay, int retryAfter,
                               int scanUsers) {

    /** The default of {@code <scan-users>}: three names failing from one address is not an office. */
    public static final int DEFAULT_SCAN_USERS = 3;

    public SecuritySettings(int authFailures, int authWindow, int blockTime, BlockAction blockAction,
                            int rateLimit, int rateBurst, int queueLimit, int queueDelay, int retryAfter) {
        this(authFailures, authWindow, blockTime, blockAction, rateLimit, rateBurst, queueLimit, queueDelay,
                retryAfter, DEFAULT_SCAN_USERS);
    }

    /** What a blocked source gets: silence, or a 403. */
    public enum BlockAction {
        DROP,
        REJECT
    }

    public SecuritySettings {
        Objects.requireNonNull(blockAction, "blockAction");
        if (scanUsers < 1) {
            throw new IllegalArgumentException("scanUsers must be at least 1: " + scanUsers);
        }
    }
}
