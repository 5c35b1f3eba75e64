package org.sipwitch.sip.transport;

/** Receives every well-formed message the transports decode. Called on a Netty event loop: must not block. */
@FunctionalInterface
public interface InboundHandler {
    void onMessage(InboundMessage message);
}
