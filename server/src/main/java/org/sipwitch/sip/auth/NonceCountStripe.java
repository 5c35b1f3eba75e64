package org.sipwitch.sip.auth;

import java.util.Arrays;

/**
 * One stripe of the {@link NonceCountTracker}: the highest nc accepted per nonce, for
 * the nonces whose hash falls here, in three primitive arrays (open addressing on the
 * hash) rather than a map of objects. Every registration adds an entry that lives for
 * minutes, and as objects (a map node, the nonce string, a counter: ~140 bytes) each
 * was copied once by a young collection and later traced by the old one. Two nonces
 * whose hashes collide share one counter; that can only make the later one stale,
 * never accept a nonce-count twice, since a counter only grows.
 */
final class NonceCountStripe {
    private static final int MIN_SLOTS = 64;

    private final int capacity;
    private final int maxSlots;
    private long lifetimeMillis;
    private long floor = Long.MIN_VALUE;
    /** Hash of the nonce, never 0 (0 marks a free slot). */
    private long[] keys = new long[MIN_SLOTS];
    private long[] issued = new long[MIN_SLOTS];
    private long[] highest = new long[MIN_SLOTS];
    /** The arrays before the last rebuild, reused by the next one of the same size. */
    private long[] spareKeys;
    private long[] spareIssued;
    private long[] spareHighest;
    private int size;

    NonceCountStripe(int capacity, long lifetimeMillis) {
        this.capacity = capacity;
        // at most half full: probes stay short
        this.maxSlots = Math.max(MIN_SLOTS, Integer.highestOneBit(capacity) << 2);
        this.lifetimeMillis = lifetimeMillis;
    }

    /** True when nc is higher than any accepted before for the nonce of this hash; records it. */
    synchronized boolean accept(long key, long issuedAt, long nc, long nowMillis) {
        int slot = find(key);
        if (keys[slot] == key) {
            if (nc <= highest[slot]) {
                return false;
            }
            highest[slot] = nc;
            return true;
        }
        if (issuedAt <= floor) {
            return false; // forgotten by eviction: cannot tell a replay from a first use
        }
        keys[slot] = key;
        issued[slot] = issuedAt;
        highest[slot] = nc;
        size++;
        if (size > capacity) {
            evict(nowMillis);
        } else if (size * 2 > keys.length && keys.length < maxSlots) {
            rebuild(keys.length * 2, Long.MIN_VALUE);
        }
        return true;
    }

    /** A reload changed the nonce lifetime; entries go by the new one from the next eviction on. */
    synchronized void setLifetime(long millis) {
        lifetimeMillis = millis;
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        rebuild(MIN_SLOTS, Long.MAX_VALUE); // keeps nothing
    }

    private void evict(long nowMillis) {
        long expiredBefore = nowMillis - lifetimeMillis;
        // stale anyway; the floor keeps them stale should a reload lengthen the lifetime
        floor = Math.max(floor, expiredBefore - 1);
        if (oldest() < expiredBefore) {
            rebuild(keys.length, expiredBefore - 1);
        }
        if (size <= capacity - capacity / 8) {
            return;
        }
        // still full of live nonces: forget the oldest quarter, and remember that we did
        long cutoff = oldestQuarter();
        floor = Math.max(floor, cutoff);
        rebuild(keys.length, cutoff);
    }

    private long oldest() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && issued[i] < min) {
                min = issued[i];
            }
        }
        return min;
    }

    /** The issue time at or below which a quarter of the entries lie (a stripe holds a few thousand). */
    private long oldestQuarter() {
        long[] times = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                times[n++] = issued[i];
            }
        }
        Arrays.sort(times);
        return times[Math.min(n - 1, capacity / 4)];
    }

    /**
     * Re-inserts into {@code slots} slots every entry issued after {@code dropUpTo}. At the
     * same size it swaps with spare arrays instead of allocating: a full stripe evicts
     * every few hundred REGISTERs, and three new arrays each time (96 KiB) were most of
     * what young collections still copied once completed transactions were bytes.
     */
    private void rebuild(int slots, long dropUpTo) {
        long[] oldKeys = keys;
        long[] oldIssued = issued;
        long[] oldHighest = highest;
        if (spareKeys != null && spareKeys.length == slots) {
            Arrays.fill(spareKeys, 0);
            keys = spareKeys;
            issued = spareIssued;
            highest = spareHighest;
        } else {
            keys = new long[slots];
            issued = new long[slots];
            highest = new long[slots];
        }
        spareKeys = oldKeys;
        spareIssued = oldIssued;
        spareHighest = oldHighest;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && oldIssued[i] > dropUpTo) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                issued[slot] = oldIssued[i];
                highest[slot] = oldHighest[i];
                size++;
            }
        }
    }

    /** The slot holding {@code key}, or the free slot where it would go (linear probing). */
    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) key & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
