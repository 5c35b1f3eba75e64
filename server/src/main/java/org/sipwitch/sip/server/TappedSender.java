package org.sipwitch.sip.server;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transport.MessageSender;

/** The transports as the stack sends through them, with outbound messages counted and shown to the tap. */
final class TappedSender implements MessageSender {
    private final MessageSender transports;
    private final Supplier<MessageTap> tap;
    private final TrafficCounters traffic;

    TappedSender(MessageSender transports, Supplier<MessageTap> tap, TrafficCounters traffic) {
        this.transports = transports;
        this.tap = tap;
        this.traffic = traffic;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Peer to) {
        traffic.sent(message);
        MessageTap t = tap.get();
        if (t.active()) {
            t.record(false, to, message);
        }
        return transports.send(message, to);
    }

    @Override
    public CompletableFuture<Void> sendEncoded(byte[] wire, Peer to) {
        traffic.sentEncoded(wire);
        MessageTap t = tap.get();
        if (t.active()) {
            t.recordWire(false, to, wire);
        }
        return transports.sendEncoded(wire, to);
    }
}
