package org.sipwitch.sip.transaction;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One table of live transactions. Concurrent because lookups happen on the transport
 * event loops while transactions end on the lanes; bounded so that a flood of new
 * branches cannot grow memory without limit (every entry also has a timer that ends it).
 */
final class TransactionTable<T extends Transaction> {
    /**
     * Sized for a busy server from the start: under load the table holds hundreds of
     * thousands of entries (32 s of completed transactions), and growing there from 16
     * rehashed everything at each doubling, on the request path (seen in JFR profiles).
     */
    private static final int INITIAL_CAPACITY = 1 << 16;

    private final ConcurrentHashMap<TransactionKey, T> map;
    private final int max;

    TransactionTable(int max) {
        this.max = max;
        this.map = new ConcurrentHashMap<>(Math.min(max, INITIAL_CAPACITY));
    }

    T get(TransactionKey key) {
        return map.get(key);
    }

    /** Approximate under races, which is all a flood limit needs. */
    boolean hasRoom() {
        return map.size() < max;
    }

    /** Null when inserted, else the transaction already there. */
    T putIfAbsent(TransactionKey key, T tx) {
        return map.putIfAbsent(key, tx);
    }

    void remove(TransactionKey key, T tx) {
        map.remove(key, tx);
    }

    int size() {
        return map.size();
    }
}
