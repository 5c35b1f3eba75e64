package org.sipwitch.sip.transaction;

import org.sipwitch.sip.net.Peer;

/**
 * Transactions that have their outcome and only wait out a timer to answer, or swallow,
 * retransmissions: kept as entries of byte rings ({@link LingeringResponses}) instead of
 * as objects with a timer each. Such a transaction lives 5 to 32 s, so as an object it
 * outlived the young collection after it and was copied by it; an entry is written once,
 * outside the heap, and expires by its deadline (docs/benchmarks.md, "Completed
 * transactions as bytes").
 *
 * <table>
 * <caption>What is kept, for how long, and what a retransmission then gets</caption>
 * <tr><th>RFC state</th><th>timer</th><th>kept</th><th>a retransmission</th></tr>
 * <tr><td>non-INVITE server Completed (UDP)</td><td>J, 64*T1</td><td>the final response</td><td>that response again</td></tr>
 * <tr><td>INVITE server Accepted (RFC 6026)</td><td>L, 64*T1</td><td>nothing</td><td>an INVITE is absorbed; a CANCEL gets 200</td></tr>
 * <tr><td>INVITE server Confirmed (UDP)</td><td>I, T4</td><td>nothing</td><td>an INVITE or ACK is absorbed</td></tr>
 * <tr><td>non-INVITE client Completed (UDP)</td><td>K, T4</td><td>nothing</td><td>a final response is absorbed</td></tr>
 * <tr><td>INVITE client Accepted, its call ended</td><td>M, 64*T1</td><td>the ACK</td><td>a 2xx gets that ACK again</td></tr>
 * </table>
 *
 * <p>Server and client keys live in different rings: a request someone sends with our
 * own branch must not find one of our client transactions.
 */
final class CompletedTransactions {
    private static final byte[] NOTHING = new byte[0];

    /** Timers J and L (64*T1): an entry with a response resends it, one without absorbs. */
    private final LingeringResponses answered;
    /** Timer I (T4). */
    private final LingeringResponses confirmed;
    /** Timer K (T4). */
    private final LingeringResponses clients;
    /** Timer M (64*T1): the ACK of an answered INVITE whose call has ended. */
    private final LingeringResponses acks;

    CompletedTransactions(Scheduler clock, TransactionSettings settings) {
        long budget = settings.lingeringBytes();
        // entries of the short rings have no response and live a sixth as long: a quarter is ample
        answered = new LingeringResponses(clock, settings.sixtyFourT1(), budget);
        confirmed = new LingeringResponses(clock, settings.timerIK(false), budget / 4);
        clients = new LingeringResponses(clock, settings.timerIK(false), budget / 4);
        acks = new LingeringResponses(clock, settings.sixtyFourT1(), budget / 4);
    }

    /** Timer J: a UDP non-INVITE server transaction answered with {@code wire}. */
    void keepResponse(TransactionKey key, String tag, byte[] wire, Peer to) {
        answered.keep(key, tag, wire, to);
    }

    /** Timer L: an INVITE server transaction that sent its 2xx (the TU retransmits that 2xx, not we). */
    void keepAccepted(TransactionKey key, String tag, Peer to) {
        answered.keep(key, tag, NOTHING, to);
    }

    /** Timer I: an INVITE server transaction whose non-2xx was ACKed (RFC 3261 keys only). */
    void keepConfirmed(TransactionKey key, Peer to) {
        confirmed.keep(key, null, NOTHING, to);
    }

    /** Timer K: a non-INVITE client transaction that delivered its final response. */
    void keepClient(TransactionKey key, Peer peer) {
        clients.keep(key, null, NOTHING, peer);
    }

    /** Timer M: an INVITE client transaction (CSeq number {@code cseq}) whose 2xx its TU is done with. */
    void keepAck(TransactionKey key, long cseq, byte[] ack, Peer peer) {
        acks.keep(key, Long.toString(cseq), ack, peer);
    }

    /**
     * What a completed server transaction with this key does with a retransmission of
     * its request: a {@link LingeringResponses.Kept} with the response to resend, one
     * with no bytes to absorb it silently, or null when none is kept.
     */
    LingeringResponses.Kept server(TransactionKey key, String tag) {
        LingeringResponses.Kept kept = answered.find(key, tag);
        if (kept == null && tag == null && key.method().equals("INVITE")) {
            kept = confirmed.find(key, null);
        }
        return kept;
    }

    /** True when an ACK with this (INVITE) key is the retransmission of one already taken. */
    boolean absorbsAck(TransactionKey key) {
        return !key.legacy() && confirmed.find(key, null) != null;
    }

    /**
     * What a completed client transaction does with a response that repeats its final one:
     * a {@link LingeringResponses.Kept} with the ACK to send again, one with no bytes to
     * absorb it, or null when none is kept. An INVITE's 2xx must also repeat its CSeq
     * number: the ACK is that number's.
     */
    LingeringResponses.Kept client(TransactionKey key, long cseq) {
        return key.method().equals("INVITE") ? acks.find(key, Long.toString(cseq)) : clients.find(key, null);
    }

    /** Completed server transactions kept. */
    int servers() {
        return answered.size() + confirmed.size();
    }

    /** Completed client transactions kept. */
    int clients() {
        return clients.size() + acks.size();
    }

    /** Entries dropped before their timer for room, or not kept at all. */
    long cutShort() {
        return answered.cutShort() + confirmed.cutShort() + clients.cutShort() + acks.cutShort();
    }
}
