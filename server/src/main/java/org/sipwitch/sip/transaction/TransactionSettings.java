package org.sipwitch.sip.transaction;

/**
 * The timer base values of RFC 3261 §17 (Table 4) and the limits of the transaction
 * tables. Every timer A–M is derived from T1, T2 and T4 here, in one place, so that the
 * state machines only name the timer they start.
 *
 * @param t1 round-trip estimate, 500 ms by default
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s
 * @param t4 maximum time a message stays in the network, 5 s
 * @param tryingDelay how long an INVITE server transaction waits for the TU to answer
 *        before it sends {@code 100 Trying} itself (§17.2.1 allows skipping it when the
 *        TU answers within 200 ms)
 * @param timerC guard on INVITE transactions stuck in Proceeding (like a proxy's Timer C,
 *        §16.6: more than 3 minutes): client side sends CANCEL, server side answers 408;
 *        it keeps the tables bounded when a peer or the TU never ends a transaction
 * @param maxServerTransactions live server transactions beyond which new requests get 503
 * @param maxClientTransactions live client transactions beyond which new ones fail with 503
 * @param lingeringBytes what the completed UDP non-INVITE server transactions may hold, as
 *        bytes ({@link LingeringResponses}); past it the oldest are forgotten before Timer J
 */
public record TransactionSettings(long t1, long t2, long t4, long tryingDelay, long timerC,
                                  int maxServerTransactions, int maxClientTransactions, long lingeringBytes) {

    public TransactionSettings {
        if (t1 <= 0 || t2 < t1 || t4 <= 0 || tryingDelay < 0 || timerC <= 0
                || maxServerTransactions <= 0 || maxClientTransactions <= 0 || lingeringBytes <= 0) {
            throw new IllegalArgumentException("bad transaction settings");
        }
    }

    /** Heap a transaction in the table costs (its key, request or response, timers), rounded up. */
    static final int BYTES_PER_TRANSACTION = 1024;
    static final int MIN_TRANSACTIONS = 100_000;
    static final int MAX_TRANSACTIONS = 4_000_000;

    public static TransactionSettings defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new TransactionSettings(500, 4000, 5000, 200, 180_000, serverTransactionsFor(heap),
                clientTransactionsFor(heap), lingeringBytesFor(heap));
    }

    /**
     * An eighth of the heap, taken only as it fills: a completed REGISTER costs ~450 bytes
     * there (its key and 200 OK), so a 2 GiB heap keeps 32 s of 17,000 flows/s, a 256 MiB
     * one 32 s of 2,200/s.
     */
    static long lingeringBytesFor(long maxHeapBytes) {
        return Math.max(4L << 20, maxHeapBytes / 8);
    }

    /**
     * The server table's bound for a heap of {@code maxHeapBytes}: as many transactions as
     * fit in half of it. It holds the transactions still waiting for their final response
     * and the INVITEs, whose Completed and Accepted states last up to 32 s; a fixed bound
     * of 700,000 once answered 503 to one REGISTER in ten at 12,800/s on a 2 GiB heap that
     * had room for them. The bound is there so a flood of new branches cannot exhaust the heap.
     */
    static int serverTransactionsFor(long maxHeapBytes) {
        return share(maxHeapBytes / 2);
    }

    /**
     * The client table's: a quarter of the heap. Ours are the calls' INVITEs, which stay
     * 32 s (Timer M) after the answer: 5,000 calls/s hold 160,000, and a fixed 100,000
     * turned every call past it into a 480 at 4,000 calls/s.
     */
    static int clientTransactionsFor(long maxHeapBytes) {
        return share(maxHeapBytes / 4);
    }

    private static int share(long bytes) {
        long fit = bytes / BYTES_PER_TRANSACTION;
        return (int) Math.max(MIN_TRANSACTIONS, Math.min(MAX_TRANSACTIONS, fit));
    }

    public TransactionSettings withTimers(long newT1, long newT2, long newT4) {
        return new TransactionSettings(newT1, newT2, newT4, tryingDelay, timerC, maxServerTransactions,
                maxClientTransactions, lingeringBytes);
    }

    public TransactionSettings withLimits(int maxServer, int maxClient) {
        return new TransactionSettings(t1, t2, t4, tryingDelay, timerC, maxServer, maxClient, lingeringBytes);
    }

    public TransactionSettings withTimerC(long newTimerC) {
        return new TransactionSettings(t1, t2, t4, tryingDelay, newTimerC, maxServerTransactions,
                maxClientTransactions, lingeringBytes);
    }

    /** Timers B, F, H, J, L, M and the 2xx give-up of §13.3.1.4 are all 64*T1. */
    public long sixtyFourT1() {
        return 64 * t1;
    }

    /** Timer D: at least 32 s over UDP (§17.1.1.2), zero over reliable transports. */
    public long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(32_000, 64 * t1);
    }

    /** Timer I and K: T4 over UDP, zero over reliable transports. */
    public long timerIK(boolean reliable) {
        return reliable ? 0 : t4;
    }

    /** Timer J: 64*T1 over UDP, zero over reliable transports. */
    public long timerJ(boolean reliable) {
        return reliable ? 0 : 64 * t1;
    }
}
