package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.testing.ManualTimers;

/** A layer wired to a manual clock, a recording sender and TU, and a same-thread executor. */
final class LayerFixture {
    final ManualTimers clock = new ManualTimers();
    final RecordingSender sender = new RecordingSender(clock);
    final RecordingUser tu = new RecordingUser();
    final TransactionLayer layer;

    LayerFixture() {
        this(TransactionSettings.defaults());
    }

    LayerFixture(TransactionSettings settings) {
        this(settings, KeyedExecutor.sameThread());
    }

    LayerFixture(TransactionSettings settings, KeyedExecutor executor) {
        layer = new TransactionLayer(sender, tu, executor, clock, settings);
    }

    void receive(SipMessage m) {
        layer.onMessage(Msgs.udp(m));
    }

    void receive(Peer from, SipMessage m) {
        layer.onMessage(Msgs.from(from, m));
    }
}
