package org.sipwitch.sip.security;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-source request rate limit: a token bucket of {@code <rate-burst>} tokens refilled at
 * {@code <rate-limit>} per second; {@code <rate-limit>0</rate-limit>} turns it off.
 *
 * <p>Implemented as GCRA (the "virtual scheduling" form of a token bucket): each bucket is
 * one {@code long}, the theoretical arrival time of the next request, advanced by one
 * emission interval per request with a compare-and-set. So the common path for a known
 * source is a map read, a clock read and a CAS: no lock, no allocation. A bucket whose
 * time is in the past is full, exactly like a new one, which is what makes eviction
 * harmless: idle buckets are the first to go when the table reaches its cap.
 */
public final class RateLimiter {

    private record Params(long intervalNanos, long toleranceNanos, int rate, int burst) {
        boolean off() {
            return rate == 0;
        }
    }

    private final TimeSource time;
    private final BoundedMap<InetAddress, Bucket> buckets;
    private final LongAdder limited = new LongAdder();
    private volatile Params params;

    public RateLimiter(SecuritySettings security, int maxBuckets, TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        this.buckets = new BoundedMap<>(maxBuckets);
        reconfigure(security);
    }

    /** New rate and burst (config reload); buckets carry on, a rate of 0 empties the table. */
    public void reconfigure(SecuritySettings security) {
        int rate = security.rateLimit();
        int burst = Math.max(1, security.rateBurst());
        long interval = rate == 0 ? 0 : Math.max(1, TimeUnit.SECONDS.toNanos(1) / rate);
        params = new Params(interval, (burst - 1) * interval, rate, burst);
        if (rate == 0) {
            buckets.clear();
        }
    }

    /** One request from {@code source}: true when within its rate, false (and counted) when not. */
    public boolean tryAcquire(InetAddress source) {
        Params p = params;
        if (p.off()) {
            return true;
        }
        long now = time.nanoTime();
        InetAddress key = Sources.key(source);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = newBucket(key, now); // allocates, but only for a source not seen lately
        }
        while (true) {
            long tat = bucket.tat;
            long base = tat - now > 0 ? tat : now; // max, safe across nanoTime wrap-around
            if (base - now > p.toleranceNanos) {
                limited.increment();
                return false;
            }
            if (bucket.advance(tat, base + p.intervalNanos)) {
                return true;
            }
        }
    }

    private Bucket newBucket(InetAddress key, long now) {
        Function<InetAddress, Bucket> create = k -> new Bucket(now);
        Predicate<Bucket> full = b -> b.isFull(now);
        return buckets.getOrCreate(key, create, full);
    }

    /** Requests refused since start. */
    public long limitedTotal() {
        return limited.sum();
    }

    public int trackedSources() {
        return buckets.size();
    }

    public int rate() {
        return params.rate;
    }

    public int burst() {
        return params.burst;
    }

    public String describe() {
        Params p = params;
        return p.off() ? "rate-limit off" : "rate-limit " + p.rate + "/s burst " + p.burst + " per source";
    }

    /** One source's bucket: the theoretical arrival time of its next request. */
    private static final class Bucket {
        private static final VarHandle TAT;

        static {
            try {
                TAT = MethodHandles.lookup().findVarHandle(Bucket.class, "tat", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile long tat;

        /** Starts full: nanoTime may be any value, so the arrival time starts at "now", not 0. */
        Bucket(long now) {
            tat = now;
        }

        boolean advance(long expected, long next) {
            return TAT.compareAndSet(this, expected, next);
        }

        boolean isFull(long now) {
            return tat - now <= 0;
        }
    }
}
