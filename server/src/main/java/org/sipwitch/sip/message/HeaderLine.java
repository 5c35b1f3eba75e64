package org.sipwitch.sip.message;

/**
 * One header line inside {@link SipHeaders}: canonical name, value as it stood, and
 * the typed parse of that value once an accessor has made it.
 *
 * <p>The decoder, the transaction layer, the registrar and the B2BUA all ask for the
 * top Via, From, To and CSeq of one message; keeping the parse on the line it came
 * from means any change to the header (a new line) drops it with no identity check.
 * Name and value are final and the parsed types are immutable with final fields, so
 * a message handed from an event loop to a lane needs no locking: at worst a race
 * parses twice.
 */
final class HeaderLine {
    final String name;
    final String value;
    private Object parsed;

    HeaderLine(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** The parse kept for this line when it is of that type, else null. */
    <T> T parsed(Class<T> type) {
        Object p = parsed;
        return type.isInstance(p) ? type.cast(p) : null;
    }

    void keep(Object value) {
        parsed = value;
    }
}
