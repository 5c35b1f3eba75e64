package org.sipwitch.sip.auth;

/**
 * Replay protection (RFC 7616 §3.4, nonce-count): remembers the highest nc
 * accepted per nonce. Only requests whose digest response already verified are
 * recorded, so an attacker without a password cannot add entries; still the table
 * is bounded. Entries die with their nonce's lifetime. When the table is full
 * anyway, the oldest nonces are forgotten and a "floor" issue time is raised: a
 * nonce issued at or before the floor that is no longer in the table is treated as
 * stale (the client gets a fresh nonce), never as new, so eviction cannot open a
 * replay window.
 *
 * <p>The table is split in up to 64 stripes by the nonce's hash, each with its own
 * lock, share of the capacity (shares differ a little, so that stripes fill at different
 * moments), eviction and floor (a nonce always falls in the same
 * stripe): every lane checks a nonce here on every authenticated request, and with
 * one lock for all of them a fresh daemon's first load failed far more often
 * (docs/benchmarks.md, "A challenge that does not linger").
 */
final class NonceCountTracker {
    private static final int MAX_STRIPES = 64;
    private static final int MIN_STRIPE_CAPACITY = 16;
    /** The top bits of a hash, enough to number {@value #MAX_STRIPES} stripes. */
    private static final int STRIPE_BITS_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(MAX_STRIPES);

    private final NonceCountStripe[] stripes;

    NonceCountTracker(int capacity, long lifetimeMillis) {
        if (capacity < MIN_STRIPE_CAPACITY) {
            throw new IllegalArgumentException("replay table capacity must be at least " + MIN_STRIPE_CAPACITY);
        }
        int n = Math.min(MAX_STRIPES, Integer.highestOneBit(capacity / MIN_STRIPE_CAPACITY));
        stripes = new NonceCountStripe[n];
        int share = capacity / n;
        for (int i = 0; i < n; i++) {
            // 7/8 to 9/8 of an even share: hashed evenly, equal stripes would all fill,
            // and stall their lanes evicting, in the same instant
            stripes[i] = new NonceCountStripe(share - share / 8 + (int) ((long) share * i / (4L * n)), lifetimeMillis);
        }
    }

    /** True when nc is higher than any accepted before for this nonce; records it. */
    boolean accept(String nonce, long issuedAt, long nc, long nowMillis) {
        long key = hash(nonce);
        return stripeOf(key).accept(key, issuedAt, nc, nowMillis);
    }

    /** A reload changed the nonce lifetime; entries go by the new one from the next eviction on. */
    void setLifetime(long millis) {
        for (NonceCountStripe s : stripes) {
            s.setLifetime(millis);
        }
    }

    int size() {
        int total = 0;
        for (NonceCountStripe s : stripes) {
            total += s.size();
        }
        return total;
    }

    void clear() {
        for (NonceCountStripe s : stripes) {
            s.clear();
        }
    }

    /** The high bits choose the stripe; the stripe's slots use the low ones. */
    private NonceCountStripe stripeOf(long key) {
        return stripes[(int) (key >>> STRIPE_BITS_SHIFT) & (stripes.length - 1)];
    }

    /** FNV-1a over the characters, then a 64-bit finaliser (MurmurHash3's) to spread the bits. */
    static long hash(String nonce) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < nonce.length(); i++) {
            h = (h ^ nonce.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
