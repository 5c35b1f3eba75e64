package org.sipwitch.sip.call;

import org.sipwitch.mbeans.CallInfo;

/**
 * Call events, for JMX notifications and the {@code events} verb. Called on the call's
 * lane: implementations must be quick and must not block (queue the event and return).
 */
public interface CallListener {
    CallListener NONE = new CallListener() {
    };

    /** A call was admitted and its target legs are ringing. */
    default void connecting(CallInfo call) {
    }

    /** The first 2xx came: the call is answered. */
    default void connected(CallInfo call) {
    }

    /**
     * The call is over and its slot free. {@code reason}: {@code hangup} (BYE from a
     * party), {@code cancelled}, {@code busy}, {@code declined}, {@code no answer},
     * {@code dropped} (operator), {@code no ack}, {@code lost} (the dialog probe found a
     * phone that forgot the call or no longer answers), {@code failed}.
     */
    default void dropped(CallInfo call, String reason) {
    }

    /**
     * The same end, with what a call detail record needs; called right after
     * {@link #dropped}, on the lane.
     */
    default void ended(CallDetail detail) {
    }
}
