package org.sipwitch.config;

import java.util.Optional;

/**
 * The rules a value must follow wherever it comes from: the configuration files (an
 * error naming file and line) or a live change through JMX or sipwitchctl (the verb's
 * answer, exit 20). One rule for both, so that nothing can be set live that the file
 * would refuse: each method says what is wrong, in words that fit both answers.
 */
public final class Rules {

    /** The worker lanes the call engine can run; the {@code concurrency} verb and {@code <concurrency>} alike. */
    public static final int MAX_CONCURRENCY = 256;
    public static final int MAX_REALM = 128;

    private Rules() {
    }

    /**
     * The realm goes inside a quoted-string of WWW-Authenticate and into every stored
     * HA1: visible ASCII only, no quote or backslash (they would end or escape the
     * string), no space (phones and scripts split on it: {@code sipwitchctl realm} prints
     * {@code realm digest-type} on one line).
     */
    public static Optional<String> realmProblem(String realm) {
        if (realm == null || realm.isEmpty() || realm.length() > MAX_REALM
                || !realm.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            return Optional.of("must be 1 to " + MAX_REALM
                    + " visible ASCII characters without quotes, backslashes or spaces");
        }
        return Optional.empty();
    }

    /** Worker lanes: 1 to {@value #MAX_CONCURRENCY} ({@code 0}, auto, only in the file). */
    public static Optional<String> concurrencyProblem(int level) {
        return level < 1 || level > MAX_CONCURRENCY
                ? Optional.of("must be 1 to " + MAX_CONCURRENCY) : Optional.empty();
    }

    /** {@code <concurrency>0</concurrency>}: twice the processors, at least 2, at most the maximum. */
    public static int autoConcurrency() {
        return Math.min(MAX_CONCURRENCY, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }
}
