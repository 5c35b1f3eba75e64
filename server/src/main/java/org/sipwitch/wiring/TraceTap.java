package org.sipwitch.wiring;

import org.sipwitch.management.SipTrace;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.server.MessageTap;

/** SIP tracing: messages are rendered to text only while the trace is on. */
final class TraceTap implements MessageTap {
    private final SipTrace trace;

    TraceTap(SipTrace trace) {
        this.trace = trace;
    }

    @Override
    public boolean active() {
        return trace.isOn();
    }

    @Override
    public void record(boolean inbound, Peer peer, SipMessage message) {
        String where = peer.address().getAddress().getHostAddress() + ":" + peer.address().getPort();
        trace.record(inbound ? SipTrace.Direction.IN : SipTrace.Direction.OUT, where, peer.transport().param(),
                SipEncoder.toText(message));
    }
}
