package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipResponse;

/**
 * What the TU hears from one client transaction, on the lane the transaction was
 * started with. Timeouts and transport errors arrive as synthesised final responses
 * (408 and 503, RFC 3261 §8.1.3.1 and §8.1.2), so a TU that does not care about the
 * difference implements only {@link #onFinal}; most requests we send (REGISTER, BYE,
 * OPTIONS, an ACK's replay) only want their outcome, so provisional responses are
 * ignored unless the TU overrides {@link #onProvisional} (INVITE relays do).
 */
public interface ClientTransactionListener {

    /** For requests whose responses the TU ignores, such as the CANCEL we send. */
    ClientTransactionListener IGNORE = (tx, response) -> { };

    /** A 1xx; nothing by default. */
    default void onProvisional(ClientTransaction tx, SipResponse response) {
    }

    /**
     * A final response. For an INVITE, every 2xx is passed up, including retransmissions
     * and 2xx from other forks (RFC 6026 §7.2): the TU ACKs each; non-2xx are ACKed by
     * the transaction itself.
     */
    void onFinal(ClientTransaction tx, SipResponse response);

    /** Timer B or F fired (or the CANCEL got no final response in 64*T1). */
    default void onTimeout(ClientTransaction tx, SipResponse synthesised408) {
        onFinal(tx, synthesised408);
    }

    /** The request could not be sent. */
    default void onTransportError(ClientTransaction tx, SipResponse synthesised503, Throwable cause) {
        onFinal(tx, synthesised503);
    }
}
