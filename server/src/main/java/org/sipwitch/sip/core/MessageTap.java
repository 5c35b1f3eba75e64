package org.sipwitch.sip.core;

import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.transport.Peer;

/**
 * Sees every message the server receives or sends, for SIP tracing. {@link #active()}
 * is asked first on the hot path and must be a cheap read; only then is a message
 * handed over (and turned into text by the tap, not by the stack).
 */
public interface MessageTap {
    boolean active();

    void record(boolean inbound, Peer peer, SipMessage message);

    MessageTap NONE = new MessageTap() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void record(boolean inbound, Peer peer, SipMessage message) {
        }
    };
}
