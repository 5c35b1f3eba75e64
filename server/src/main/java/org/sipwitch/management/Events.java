package org.sipwitch.management;

import org.sipwitch.mbeans.EventLog;
import org.sipwitch.mbeans.SipwitchNotifications;

/**
 * The one way components report what the operator may want to see: each method appends
 * an event of one {@link SipwitchNotifications} type to the {@link EventLog}, which the
 * Server MBean turns into a JMX notification and {@code sipwitchctl events} streams.
 * Messages are one line; never pass secrets (passwords, HA1, Authorization values).
 * Cheap and thread-safe; safe to call from event loops.
 */
public final class Events {

    private final EventLog log;

    public Events(EventLog log) {
        this.log = log;
    }

    public EventLog log() {
        return log;
    }

    /** A call is being set up. */
    public void callConnecting(String callId, String source, String target) {
        log.append(SipwitchNotifications.CALL_CONNECTING, "call " + callId + " from " + source + " to " + target);
    }

    /** A call ended; {@code reason} like {@code bye}, {@code cancel}, {@code busy}, {@code timeout}, {@code dropped}. */
    public void callDropped(String callId, String reason) {
        log.append(SipwitchNotifications.CALL_DROPPED, "call " + callId + " dropped: " + reason);
    }

    /** A registration (or static activation) became active. */
    public void registrationActivated(String user, String extension, String contact) {
        log.append(SipwitchNotifications.REGISTRATION_ACTIVATED,
                "activating " + who(user, extension) + " at " + contact);
    }

    /** A registration was released or expired; {@code reason} like {@code expired}, {@code released}, {@code unregistered}. */
    public void registrationReleased(String user, String extension, String contact, String reason) {
        log.append(SipwitchNotifications.REGISTRATION_RELEASED,
                "releasing " + who(user, extension) + " at " + contact + ": " + reason);
    }

    public void realmChanged(String realm, String digestType) {
        log.append(SipwitchNotifications.REALM_CHANGED, "realm " + realm + " digest " + digestType);
    }

    public void stateChanged(String state) {
        log.append(SipwitchNotifications.STATE_CHANGED, "state " + state);
    }

    public void warning(String message) {
        log.append(SipwitchNotifications.WARNING, message);
    }

    public void failure(String message) {
        log.append(SipwitchNotifications.FAILURE, message);
    }

    /** A reload: {@code generation} now in force, and its report lines ("key: applied", "key: needs restart"). */
    public void configReloaded(long generation, java.util.List<String> report) {
        log.append(SipwitchNotifications.CONFIG_RELOADED, "configuration reloaded (generation " + generation + "): "
                + (report.isEmpty() ? "no change" : String.join("; ", report)));
    }

    /** A statistics period of {@code minutes} completed with {@code calls} calls. */
    public void period(int minutes, long calls) {
        log.append(SipwitchNotifications.PERIOD, "period of " + minutes + " min completed, " + calls + " call(s)");
    }

    private static String who(String user, String extension) {
        return extension == null || extension.isEmpty() || extension.equals(user) ? user : user + " (" + extension + ")";
    }
}
