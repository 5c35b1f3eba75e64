package org.sipwitch.sip.transaction;

import org.sipwitch.sip.net.Peer;

/**
 * The Completed state of UDP non-INVITE server transactions (RFC 3261 §17.2.2): for
 * Timer J (64*T1, 32 s) after its final response such a transaction only resends that
 * response to a retransmission of its request. That needs the key, the response's bytes
 * and where they went, so this is all that is kept, in byte rings rather than as a
 * transaction object: at 8,000 REGISTERs/s a quarter of a million completed transactions
 * are alive, and as objects (~730 bytes each with the table's node) they were most of
 * what every young collection copied, which set the length of its pauses and so the
 * p99 of every request (docs/benchmarks.md, "Completed transactions as bytes").
 *
 * <p>Bounded by a byte budget; when a flood fills it the oldest entries go early (their
 * retransmissions would then reach the TU as new requests), counted in {@link #cutShort()}.
 * Striped by key hash, each stripe under its own lock: the transport event loops look up,
 * the lanes add. Expired entries are dropped as new ones come, so no timer is involved.
 */
final class LingeringResponses {
    private static final int STRIPES = 16;

    /** What a lookup found: a copy of the response's bytes and where to send them. */
    record Kept(byte[] wire, Peer to) {
    }

    private final LingeringStripe[] stripes = new LingeringStripe[STRIPES];
    private final Scheduler clock;
    private final long lingerMillis;

    LingeringResponses(Scheduler clock, long lingerMillis, long maxBytes) {
        this.clock = clock;
        this.lingerMillis = lingerMillis;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new LingeringStripe(maxBytes / STRIPES);
        }
    }

    /**
     * Keeps the final response of a completed transaction for Timer J. {@code tag} is the
     * request's To tag for an RFC 2543 key (its retransmissions repeat it), else null.
     */
    void keep(TransactionKey key, String tag, byte[] wire, Peer to) {
        int h = hash(key, tag);
        LingeringStripe s = stripe(h);
        long now = clock.nowMillis();
        synchronized (s) {
            s.keep(h, key.id(), key.method(), tag, wire, to, now, now + lingerMillis);
        }
    }

    /** The response kept for a completed transaction with this key, or null. */
    Kept find(TransactionKey key, String tag) {
        int h = hash(key, tag);
        LingeringStripe s = stripe(h);
        long now = clock.nowMillis();
        synchronized (s) {
            int e = s.find(h, key.id(), key.method(), tag, now);
            return e < 0 ? null : new Kept(s.wire(e), s.peer(e));
        }
    }

    /** Completed transactions lingering now. */
    int size() {
        long now = clock.nowMillis();
        int n = 0;
        for (LingeringStripe s : stripes) {
            synchronized (s) {
                n += s.size(now);
            }
        }
        return n;
    }

    /** Entries dropped before Timer J for room, or not kept at all (bigger than a chunk). */
    long cutShort() {
        long n = 0;
        for (LingeringStripe s : stripes) {
            synchronized (s) {
                n += s.cutShort();
            }
        }
        return n;
    }

    private LingeringStripe stripe(int h) {
        return stripes[(h >>> 28) & (STRIPES - 1)];
    }

    private static int hash(TransactionKey key, String tag) {
        int h = key.id().hashCode() * 31 + key.method().hashCode();
        if (tag != null) {
            h = h * 31 + tag.hashCode();
        }
        h *= 0x9E3779B9; // the stripe takes the top bits, the index the low ones
        return h ^ (h >>> 16);
    }
}
