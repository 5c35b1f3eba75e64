package org.sipwitch.sip.transaction;

/**
 * The states of the four §17 state machines, plus RFC 6026's Accepted (an INVITE
 * transaction that saw a 2xx and stays only to absorb retransmissions).
 */
public enum TransactionState {
    /** INVITE client: request sent, no response yet (§17.1.1.2). */
    CALLING,
    /** Non-INVITE client or server: request sent / received, no response yet. */
    TRYING,
    PROCEEDING,
    COMPLETED,
    /** INVITE server: ACK for the non-2xx final response received (§17.2.1). */
    CONFIRMED,
    /** INVITE client or server after a 2xx (RFC 6026 §7.1, §7.2). */
    ACCEPTED,
    TERMINATED
}
