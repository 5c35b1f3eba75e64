package org.sipwitch.mbeans;

/**
 * One recent warning or error log line ({@code history}).
 *
 * @param time    epoch milliseconds
 * @param level   {@code WARN} or {@code ERROR}
 * @param source  the logger (component) that wrote it
 * @param message the message, secrets already removed by the server
 */
public record HistoryLine(long time, String level, String source, String message) {
}
