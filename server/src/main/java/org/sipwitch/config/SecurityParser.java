package org.sipwitch.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code <security>} → {@link SecurityConfig}; every knob has a default that is safe on the internet. */
final class SecurityParser {

    static final int DEFAULT_AUTH_FAILURES = 10;
    static final int DEFAULT_AUTH_WINDOW = 60;
    static final int DEFAULT_BLOCK_TIME = 600;
    static final int DEFAULT_RATE_LIMIT = 50;
    static final int DEFAULT_RATE_BURST = 100;
    static final int DEFAULT_QUEUE_LIMIT = 10_000;
    static final int DEFAULT_RETRY_AFTER = 5;
    static final int DEFAULT_SCAN_USERS = 3;
    /** An office NAT holds one connection per phone: a few hundred is generous there and 1/40 of the table. */
    static final int DEFAULT_CONNECTIONS_PER_SOURCE = 250;
    static final int DEFAULT_HEAD_TIMEOUT = 10;
    /**
     * 100 ms: well under SIP's first UDP retransmission (T1 = 500 ms), so a phone gets its
     * 503 before it repeats itself into the queue, and far above a healthy server's delay
     * (well under a millisecond) and a G1 pause (10-20 ms), so it never sheds in normal use.
     */
    static final int DEFAULT_QUEUE_DELAY = 100;

    private SecurityParser() {
    }

    static SecurityConfig parse(XmlElement security) throws ConfigException {
        ElementReader r = ElementReader.of(security, Set.of("auth-failures", "auth-window", "block-time",
                "block-action", "rate-limit", "rate-burst", "queue-limit", "queue-delay", "retry-after", "scan-users",
                "connections-per-source", "head-timeout"));
        SecurityConfig.BlockAction action = SecurityConfig.BlockAction.DROP;
        Optional<XmlElement> actionElement = r.child("block-action");
        if (actionElement.isPresent()) {
            String text = ElementReader.leafText(actionElement.get()).toLowerCase(Locale.ROOT);
            switch (text) {
                case "drop":
                    action = SecurityConfig.BlockAction.DROP;
                    break;
                case "reject":
                case "403":
                    action = SecurityConfig.BlockAction.REJECT;
                    break;
                default:
                    throw actionElement.get().error("<block-action> must be drop or reject, got \""
                            + ElementReader.abbreviate(text) + "\"");
            }
        }
        int rateLimit = r.integer("rate-limit", 0, 1_000_000, DEFAULT_RATE_LIMIT);
        return new SecurityConfig(
                r.integer("auth-failures", 1, 1_000_000, DEFAULT_AUTH_FAILURES),
                r.integer("auth-window", 1, 86_400, DEFAULT_AUTH_WINDOW),
                r.integer("block-time", 0, 7 * 86_400, DEFAULT_BLOCK_TIME),
                action,
                rateLimit,
                r.integer("rate-burst", 1, 1_000_000, Math.max(DEFAULT_RATE_BURST, rateLimit)),
                r.integer("queue-limit", 1, 10_000_000, DEFAULT_QUEUE_LIMIT),
                r.integer("queue-delay", 0, 60_000, DEFAULT_QUEUE_DELAY),
                r.integer("retry-after", 1, 3600, DEFAULT_RETRY_AFTER),
                r.integer("scan-users", 1, 1000, DEFAULT_SCAN_USERS),
                r.integer("connections-per-source", 1, 1_000_000, DEFAULT_CONNECTIONS_PER_SOURCE),
                r.integer("head-timeout", 1, 3600, DEFAULT_HEAD_TIMEOUT));
    }
}
