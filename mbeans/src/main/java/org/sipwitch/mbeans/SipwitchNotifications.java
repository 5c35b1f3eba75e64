package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;

/**
 * Notification types of the daemon. Each notification carries the event's sequence
 * number, time and one-line message; its user data is {@code null}. The same events
 * are kept in the {@link EventLog} so that a slow JMX listener, or
 * {@code sipwitchctl events}, can catch up by sequence number.
 */
public final class SipwitchNotifications {

    /** A call is being set up: message names call id, source and target. */
    public static final String CALL_CONNECTING = "sipwitch.call.connecting";
    /** A call ended: message names call id and the reason (bye, cancel, busy, timeout...). */
    public static final String CALL_DROPPED = "sipwitch.call.dropped";
    /** A registration (or static activation) became active: user, extension, contact. */
    public static final String REGISTRATION_ACTIVATED = "sipwitch.registration.activated";
    /** A registration was released or expired: user, extension, contact. */
    public static final String REGISTRATION_RELEASED = "sipwitch.registration.released";
    /** The realm (or digest type) changed: new realm and digest type. */
    public static final String REALM_CHANGED = "sipwitch.realm.changed";
    /** The state overlay changed (or the daemon started/stopped): new state. */
    public static final String STATE_CHANGED = "sipwitch.state.changed";
    /** Something the operator should know about; the daemon goes on. */
    public static final String WARNING = "sipwitch.warning";
    /** Something failed (a listener, a reload...); the message says what. */
    public static final String FAILURE = "sipwitch.failure";
    /**
     * The configuration was reloaded: the message lists what was applied and what
     * needs a restart ({@code stack.port: needs restart}), or says nothing changed.
     */
    public static final String CONFIG_RELOADED = "sipwitch.config.reloaded";
    /** A housekeeping / periodic statistics period completed. */
    public static final String PERIOD = "sipwitch.period";

    /**
     * A call detail record was written; sent by the History MBean, its message is the
     * record's JSON line (user data null). Not in the event log: the records have their
     * own files.
     */
    public static final String CDR = "sipwitch.cdr";

    /** Every type above, in documentation order. */
    public static final List<String> TYPES = List.of(CALL_CONNECTING, CALL_DROPPED,
            REGISTRATION_ACTIVATED, REGISTRATION_RELEASED, REALM_CHANGED, STATE_CHANGED,
            WARNING, FAILURE, CONFIG_RELOADED, PERIOD);

    private SipwitchNotifications() {
    }

    /** The notification info an emitting MBean publishes in its MBeanInfo. */
    public static MBeanNotificationInfo[] info() {
        return new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(TYPES.toArray(String[]::new), Notification.class.getName(),
                    "sipwitch events: calls connecting and dropped (with reason), registrations "
                            + "activated and released, realm and state changes, warnings, "
                            + "failures, configuration reloads, housekeeping periods")
        };
    }

    /** The type without the {@code sipwitch.} prefix, as {@code events} prints it. */
    public static String shortType(String type) {
        return type.startsWith("sipwitch.") ? type.substring("sipwitch.".length()) : type;
    }
}
