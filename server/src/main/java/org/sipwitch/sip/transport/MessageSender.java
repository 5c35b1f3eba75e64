package org.sipwitch.sip.transport;

import java.util.concurrent.CompletableFuture;
import org.sipwitch.sip.message.SipMessage;

/**
 * Sends a message to a peer. For stream transports an open connection to that
 * address is reused, else one is opened. The future fails when the message could
 * not be sent (connection refused, no route), so transactions can report 503.
 */
public interface MessageSender {
    CompletableFuture<Void> send(SipMessage message, Peer to);
}
