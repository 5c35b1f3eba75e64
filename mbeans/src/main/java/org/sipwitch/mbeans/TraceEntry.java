package org.sipwitch.mbeans;

/**
 * One SIP message captured while tracing was on ({@code siplog}). Authorization
 * header values are masked by the server before they get here.
 *
 * @param time      capture time, epoch milliseconds
 * @param timeIso   the same as ISO-8601 UTC text
 * @param direction {@code in} or {@code out}
 * @param peer      remote address and port
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param text      the message text, lines separated by CRLF or LF
 */
public record TraceEntry(long time, String timeIso, String direction, String peer, String transport, String text) {

    /** With {@code timeIso} made from the epoch value. */
    public TraceEntry(long time, String direction, String peer, String transport, String text) {
        this(time, Iso.of(time), direction, peer, transport, text);
    }
}
