package org.sipwitch.sip.server;

import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;

/**
 * What lives above transactions for dialogs: the ACK of a 2xx and 2xx responses
 * retransmitted after their INVITE transaction ended (RFC 6026). The call engine
 * implements this; without one these messages are simply absorbed.
 */
public interface DialogHandler {
    void onAck(InboundMessage ack);

    void onStrayResponse(InboundMessage response);

    /** An ACK the transaction layer replayed for an ended call could not be sent. */
    default void onAckNotResent(Peer to, Throwable cause) {
    }

    DialogHandler NONE = new DialogHandler() {
        @Override
        public void onAck(InboundMessage ack) {
        }

        @Override
        public void onStrayResponse(InboundMessage response) {
        }
    };
}
