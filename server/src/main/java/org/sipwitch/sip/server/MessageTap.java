package org.sipwitch.sip.server;

import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.net.Peer;

/**
 * Sees every message the server receives or sends, for SIP tracing. {@link #active()}
 * is asked first on the hot path and must be a cheap read; only then is a message
 * handed over (and turned into text by the tap, not by the stack).
 */
public interface MessageTap {
    boolean active();

    void record(boolean inbound, Peer peer, SipMessage message);

    /** A message on its wire form (a retransmitted response); parsed only because a trace is on. */
    default void recordWire(boolean inbound, Peer peer, byte[] wire) {
        try {
            record(inbound, peer, SipParser.parseOwn(wire));
        } catch (SipParseException e) {
            // our own encoding always parses; nothing to show otherwise
        }
    }

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
