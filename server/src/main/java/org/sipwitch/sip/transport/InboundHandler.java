package org.sipwitch.sip.transport;

import org.sipwitch.sip.net.InboundMessage;

/** Receives every well-formed message the transports decode. Called on a Netty event loop: must not block. */
@FunctionalInterface
public interface InboundHandler {
    void onMessage(InboundMessage message);
}
