package org.sipwitch.sip.transport;

import java.util.concurrent.CompletableFuture;
import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.net.Peer;

/**
 * Sends a message to a peer. For stream transports an open connection to that
 * address is reused, else one is opened. The future fails when the message could
 * not be sent (connection refused, no route), so transactions can report 503.
 */
public interface MessageSender {
    CompletableFuture<Void> send(SipMessage message, Peer to);

    /**
     * Sends a message already on its wire form ({@link org.sipwitch.sip.codec.SipEncoder#toBytes}):
     * a transaction that may have to resend its final response for 32 s keeps it as one
     * byte array rather than an object graph the garbage collector must trace and copy.
     * This default parses the bytes back, for senders that only understand messages.
     */
    default CompletableFuture<Void> sendEncoded(byte[] wire, Peer to) {
        try {
            return send(SipParser.parseOwn(wire), to);
        } catch (SipParseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
