package org.sipwitch.mbeans;

/**
 * One recent warning or error log line ({@code history}).
 *
 * @param time    epoch milliseconds
 * @param timeIso the same as ISO-8601 UTC text
 * @param level   {@code WARN} or {@code ERROR}
 * @param source  the logger (component) that wrote it
 * @param message the message, secrets already removed by the server
 */
public record HistoryLine(long time, String timeIso, String level, String source, String message) {

    /** With {@code timeIso} made from the epoch value. */
    public HistoryLine(long time, String level, String source, String message) {
        this(time, Iso.of(time), level, source, message);
    }
}
