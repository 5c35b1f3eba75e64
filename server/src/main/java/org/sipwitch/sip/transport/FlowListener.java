package org.sipwitch.sip.transport;

import org.sipwitch.sip.net.Peer;

/**
 * Hears that a connection a phone can only be reached over (a WebSocket: the browser
 * cannot be called back) is gone, so its registrations can be dropped at once
 * (RFC 7118 §5, RFC 5626 §5.2) rather than failing calls until they expire.
 */
@FunctionalInterface
public interface FlowListener {
    FlowListener NONE = flow -> { };

    /** Called once on an event loop after the connection closed; must be quick and must not throw. */
    void closed(Peer flow);
}
