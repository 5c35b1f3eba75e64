package org.sipwitch.sip.auth;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay protection (RFC 7616 §3.4, nonce-count): remembers the highest nc
 * accepted per nonce. Only requests whose digest response already verified are
 * recorded, so an attacker without a password cannot add entries; still the table
 * is bounded. Entries die with their nonce's lifetime. When the table is full
 * anyway, the oldest nonces are forgotten and a "floor" issue time is raised: a
 * nonce issued at or before the floor that is no longer in the table is treated as
 * stale (the client gets a fresh nonce), never as new, so eviction cannot open a
 * replay window.
 */
final class NonceCountTracker {
    private static final class Entry {
        final long issuedAt;
        long highest;

        Entry(long issuedAt, long nc) {
            this.issuedAt = issuedAt;
            this.highest = nc;
        }
    }

    private final ConcurrentHashMap<String, Entry> table = new ConcurrentHashMap<>();
    private final int capacity;
    private volatile long lifetimeMillis;
    private volatile long floor = Long.MIN_VALUE;

    NonceCountTracker(int capacity, long lifetimeMillis) {
        if (capacity < 16) {
            throw new IllegalArgumentException("replay table capacity must be at least 16");
        }
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    /** True when nc is higher than any accepted before for this nonce; records it. */
    boolean accept(String nonce, long issuedAt, long nc, long nowMillis) {
        boolean[] accepted = {false};
        table.compute(nonce, (k, e) -> {
            if (e == null) {
                // read the floor here, after a concurrent eviction's removal is visible (it raises the floor first)
                if (issuedAt <= floor) {
                    return null; // forgotten by eviction: cannot tell a replay from a first use
                }
                accepted[0] = true;
                return new Entry(issuedAt, nc);
            }
            if (nc > e.highest) {
                e.highest = nc;
                accepted[0] = true;
            }
            return e;
        });
        if (accepted[0] && table.size() > capacity) {
            evict(nowMillis);
        }
        return accepted[0];
    }

    /** A reload changed the nonce lifetime; entries go by the new one from the next eviction on. */
    void setLifetime(long millis) {
        lifetimeMillis = millis;
    }

    int size() {
        return table.size();
    }

    void clear() {
        table.clear();
    }

    private synchronized void evict(long nowMillis) {
        if (table.size() <= capacity) {
            return;
        }
        long expiredBefore = nowMillis - lifetimeMillis;
        // stale anyway; the floor keeps them stale should a reload lengthen the lifetime
        floor = Math.max(floor, expiredBefore - 1);
        table.values().removeIf(e -> e.issuedAt < expiredBefore);
        if (table.size() <= capacity - capacity / 8) {
            return;
        }
        // still full of live nonces: forget the oldest quarter, and remember that we did
        long[] times = table.values().stream().mapToLong(e -> e.issuedAt).toArray();
        Arrays.sort(times);
        long cutoff = times[Math.min(times.length - 1, capacity / 4)];
        floor = Math.max(floor, cutoff);
        table.values().removeIf(e -> e.issuedAt <= cutoff);
    }
}
