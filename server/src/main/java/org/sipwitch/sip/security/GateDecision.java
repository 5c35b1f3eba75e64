package org.sipwitch.sip.security;

/**
 * What to do with one inbound request, and why. Instances are shared (no allocation per
 * request); compare {@link #outcome()}.
 *
 * @param outcome    what the stack does
 * @param reason     why (also the counter it went to)
 * @param retryAfter seconds for the {@code Retry-After} header of a 503, else 0
 */
public record GateDecision(Outcome outcome, Reason reason, int retryAfter) {

    public enum Outcome {
        /** process the request */
        ALLOW,
        /** answer {@code 403 Forbidden} */
        REJECT_403,
        /** discard silently: no response, no transaction */
        DROP,
        /** answer {@code 503 Service Unavailable} with {@code Retry-After: retryAfter} */
        REJECT_503
    }

    public enum Reason {
        NONE,
        /** outside {@code <access><restricted>} and not trusted */
        NOT_ALLOWED,
        /** blocked after failed authentications */
        BLOCKED,
        /** over the per-source rate limit */
        RATE_LIMITED,
        /** the server's work queues are full */
        OVERLOADED
    }

    static final GateDecision ALLOW = new GateDecision(Outcome.ALLOW, Reason.NONE, 0);

    /** The SIP status to answer with, or 0 when there is nothing to send. */
    public int statusCode() {
        return switch (outcome) {
            case REJECT_403 -> 403;
            case REJECT_503 -> 503;
            default -> 0;
        };
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
