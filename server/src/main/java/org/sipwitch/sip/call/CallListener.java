package org.sipwitch.sip.call;

/**
 * Call events, for JMX notifications and the {@code events} verb. Called on the call's
 * lane: implementations must be quick and must not block (queue the event and return).
 */
public interface CallListener {
    CallListener NONE = new CallListener() {
    };

    /** A call was admitted and its target legs are ringing. */
    default void connecting(CallSnapshot call) {
    }

    /** The first 2xx came: the call is answered. */
    default void connected(CallSnapshot call) {
    }

    /**
     * The call is over and its slot free. {@code reason}: {@code hangup} (BYE from a
     * party), {@code cancelled}, {@code busy}, {@code declined}, {@code no answer},
     * {@code dropped} (operator), {@code no ack}, {@code lost} (the dialog probe found a
     * phone that forgot the call or no longer answers), {@code failed}, and
     * {@code shutdown} or {@code restart} when the server stopped or restarted.
     */
    default void dropped(CallSnapshot call, String reason) {
    }

    /**
     * The same end, with what a call detail record needs; called right after
     * {@link #dropped}, on the lane.
     */
    default void ended(CallDetail detail) {
    }
}
