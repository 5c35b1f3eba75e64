package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The per (source, user) half of {@link AuthFailureGuard}: wrong passwords for one user
 * id from one address, counted over a sliding window, and the locks they lead to (that
 * user refused there). Both tables are capped like the guard's others. Callers pass
 * normalised keys ({@link Sources#key}, {@link Sources#userId}).
 */
final class UserLocks {
    /** One user id at one source: what a lock is about. */
    record Pair(InetAddress source, String user) {
    }

    /**
     * What one failure did when it reached the threshold: {@code lock} is the new lock, or
     * null when none was made (an exempt source, blocking off, or a lock already in force).
     */
    record Crossing(int failures, UserLock lock) {
    }

    private final TimeSource time;
    private final BoundedMap<Pair, PairFailures> pairs;
    private final BoundedMap<Pair, Lock> locks;
    private final LongAdder total = new LongAdder();

    UserLocks(GuardLimits limits, TimeSource time) {
        this.time = time;
        this.pairs = new BoundedMap<>(limits.maxSources());
        this.locks = new BoundedMap<>(limits.maxBlocked());
    }

    boolean isLocked(Pair key) {
        if (locks.size() == 0) {
            return false;
        }
        Lock lock = locks.get(key);
        if (lock == null) {
            return false;
        }
        if (!lock.expired(time.nanoTime())) {
            return true;
        }
        locks.remove(key, lock);
        return false;
    }

    /** Counts one failure; null while under the threshold. */
    Crossing count(Pair pair, long now, int threshold, long windowNanos, long blockNanos, boolean exempt) {
        PairFailures record = pairs.getOrCreate(pair, k -> new PairFailures(now), r -> r.isIdle(now, windowNanos));
        synchronized (record) {
            if (record.count.add(now, windowNanos) < threshold) {
                return null;
            }
            record.count.reset(now);
        }
        if (exempt || blockNanos == 0) {
            return new Crossing(threshold, null);
        }
        pairs.remove(pair, record);
        long wall = time.currentTimeMillis();
        Lock lock = new Lock(pair, now + blockNanos, wall, wall + TimeUnit.NANOSECONDS.toMillis(blockNanos), threshold);
        Lock prior = locks.putIfAbsent(pair, lock, l -> l.expired(now));
        if (prior != null && (!prior.expired(now) || !locks.replace(pair, prior, lock))) {
            return new Crossing(threshold, null);
        }
        total.increment();
        return new Crossing(threshold, lock.snapshot());
    }

    /** A success: the pair's failures are forgiven. */
    void forgive(Pair pair) {
        pairs.remove(pair);
    }

    /** Locks in force, oldest first. */
    List<UserLock> locked() {
        long now = time.nanoTime();
        List<UserLock> out = new ArrayList<>();
        for (Map.Entry<Pair, Lock> e : locks.entries()) {
            if (!e.getValue().expired(now)) {
                out.add(e.getValue().snapshot());
            }
        }
        out.sort(Comparator.comparing(UserLock::since));
        return out;
    }

    /**
     * Lifts the locks of the sources {@code in} matches and forgets their counts.
     *
     * @return how many locks in force were lifted (each told to {@code lifted})
     */
    int unlock(Predicate<InetAddress> in, Consumer<UserLock> lifted) {
        long now = time.nanoTime();
        int n = 0;
        for (Map.Entry<Pair, Lock> e : locks.entries()) {
            if (in.test(e.getKey().source()) && locks.remove(e.getKey(), e.getValue()) && !e.getValue().expired(now)) {
                n++;
                lifted.accept(e.getValue().snapshot());
            }
        }
        pairs.removeKeysIf(p -> in.test(p.source()));
        return n;
    }

    long total() {
        return total.sum();
    }

    int size() {
        return locks.size();
    }

    /** Failures of one pair within the window. */
    private static final class PairFailures {
        final SlidingCount count;

        PairFailures(long now) {
            count = new SlidingCount(now);
        }

        synchronized boolean isIdle(long now, long window) {
            return count.isIdle(now, window);
        }
    }

    private static final class Lock {
        final Pair pair;
        final long untilNanos;
        final long sinceMillis;
        final long untilMillis;
        final int failures;

        Lock(Pair pair, long untilNanos, long sinceMillis, long untilMillis, int failures) {
            this.pair = pair;
            this.untilNanos = untilNanos;
            this.sinceMillis = sinceMillis;
            this.untilMillis = untilMillis;
            this.failures = failures;
        }

        boolean expired(long now) {
            return now - untilNanos >= 0;
        }

        UserLock snapshot() {
            return new UserLock(pair.source(), pair.user(), Instant.ofEpochMilli(sinceMillis),
                    Instant.ofEpochMilli(untilMillis), failures);
        }
    }
}
