package org.sipwitch.mbeans;

import java.time.Instant;

/**
 * The ISO-8601 text that the value records carry beside each epoch-milliseconds time,
 * so that JConsole and VisualVM, which show a long as a long, also show a readable UTC
 * time ({@code 2026-11-29T14:02:11.123Z}).
 */
public final class Iso {

    private Iso() {
    }

    /** {@code epochMillis} as ISO-8601 UTC; empty for 0 or less ("never", "none"). */
    public static String of(long epochMillis) {
        return epochMillis <= 0 ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
