package org.sipwitch.mbeans;

/**
 * A server event: kept in the {@link EventLog}, sent as a JMX notification and
 * streamed by {@code sipwitchctl events}.
 *
 * @param sequence increasing number, starting at 1, gaps mean events were lost
 * @param time     epoch milliseconds
 * @param timeIso  the same as ISO-8601 UTC text
 * @param type     one of {@link SipwitchNotifications}' types
 * @param message  one human line, e.g. {@code "call 0000002a:2 dropped: busy"}
 */
public record Event(long sequence, long time, String timeIso, String type, String message) {

    /** With {@code timeIso} made from the epoch value. */
    public Event(long sequence, long time, String type, String message) {
        this(sequence, time, Iso.of(time), type, message);
    }
}
