package org.sipwitch.config;

import java.util.Objects;

/**
 * {@code <security>}: abuse protection knobs (password guessing, floods, overload).
 *
 * @param authFailures     failed authentications for one user id from one source within
 *                         {@code authWindow} before that user is refused (403) there
 * @param scanUsers        distinct user ids failing from one source within {@code authWindow}
 *                         before the whole source is blocked
 * @param authWindow       counting window, seconds
 * @param blockTime        how long a source stays blocked, seconds
 * @param blockAction      what a blocked source gets
 * @param rateLimit        requests per second allowed per source; 0 = no limit
 * @param rateBurst        token-bucket burst size per source
 * @param queueLimit       pending work items before the server sheds load with 503
 * @param queueDelay       milliseconds the oldest pending work item may have waited before the
 *                         server sheds new work with 503; 0 = no delay limit
 * @param retryAfter       Retry-After seconds sent with 503
 * @param connectionsPerSource TCP/TLS connections one source address may hold at once
 * @param headTimeout      seconds a stream connection may take to deliver a message head
 */
public record SecurityConfig(int authFailures, int authWindow, int blockTime, BlockAction blockAction,
                             int rateLimit, int rateBurst, int queueLimit, int queueDelay, int retryAfter,
                             int scanUsers, int connectionsPerSource, int headTimeout) {

    /** What happens to requests from a blocked source. */
    public enum BlockAction {
        /** silently dropped: cheapest, and tells a scanner nothing */
        DROP,
        /** answered {@code 403 Forbidden} */
        REJECT
    }

    public SecurityConfig {
        Objects.requireNonNull(blockAction, "blockAction");
    }
}
