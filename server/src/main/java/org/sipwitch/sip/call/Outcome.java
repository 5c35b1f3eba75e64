package org.sipwitch.sip.call;

import java.util.List;

/**
 * What the caller hears when no target leg answered (RFC 3261 §16.7 picks "the best"
 * final response; a B2BUA may choose its own policy, and this is ours):
 * <ul>
 * <li>every leg busy ({@code 486}, {@code 600}) → {@code 486 Busy Here};</li>
 * <li>every leg declined ({@code 603}) → {@code 603 Decline};</li>
 * <li>every leg rejected the media ({@code 488}, {@code 606}) → {@code 488}, so the caller can retry with another offer;</li>
 * <li>anything else — a mix, errors, timeouts, or no answer within ring × cfna — → {@code 480 Temporarily Unavailable}.</li>
 * </ul>
 */
record Outcome(int status, String reason) {
    static final Outcome NO_ANSWER = new Outcome(480, "no answer");

    static Outcome of(List<Integer> statuses) {
        if (statuses.isEmpty()) {
            return NO_ANSWER;
        }
        if (all(statuses, 486, 600)) {
            return new Outcome(486, "busy");
        }
        if (all(statuses, 603, 603)) {
            return new Outcome(603, "declined");
        }
        if (all(statuses, 488, 606)) {
            return new Outcome(488, "failed");
        }
        return new Outcome(480, "failed");
    }

    private static boolean all(List<Integer> statuses, int a, int b) {
        for (int s : statuses) {
            if (s != a && s != b) {
                return false;
            }
        }
        return true;
    }
}
