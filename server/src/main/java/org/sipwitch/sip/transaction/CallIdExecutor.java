package org.sipwitch.sip.transaction;

import java.util.concurrent.atomic.LongAdder;

/**
 * The call-processing worker pool: N single-threaded lanes, the lane of a task being
 * hash(Call-ID) mod N. All work of one call runs on one thread in order, so call
 * state needs no locks. N is the {@code concurrency} verb and can change at runtime:
 * new lanes start only after the old ones drained, so per-Call-ID order survives.
 * Each lane's queue is bounded for network work; a refusal is the signal to answer 503.
 */
public final class CallIdExecutor implements KeyedExecutor, AutoCloseable {
    private final int queueCapacity;
    private final String namePrefix;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile Lane[] lanes;
    private int generation;

    public CallIdExecutor(int concurrency, int queueCapacity) {
        this(concurrency, queueCapacity, "sip-lane");
    }

    public CallIdExecutor(int concurrency, int queueCapacity, String namePrefix) {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive");
        }
        this.queueCapacity = queueCapacity;
        this.namePrefix = namePrefix;
        this.lanes = startLanes(checkSize(concurrency), new Lane[0]);
    }

    private static int checkSize(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024, not " + n);
        }
        return n;
    }

    private Lane[] startLanes(int n, Lane[] predecessors) {
        Lane[] fresh = new Lane[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = new Lane(namePrefix + "-" + generation + "-" + i, i, queueCapacity, predecessors, failed);
        }
        generation++;
        for (Lane lane : fresh) {
            lane.start();
        }
        return fresh;
    }

    /** Changes the number of lanes; queued work keeps its order. */
    public synchronized void setConcurrency(int n) {
        checkSize(n);
        Lane[] old = lanes;
        if (old.length == 0) {
            throw new IllegalStateException("executor closed");
        }
        if (n == old.length) {
            return;
        }
        lanes = startLanes(n, old);
        for (Lane lane : old) {
            lane.close();
        }
    }

    public int concurrency() {
        return lanes.length;
    }

    /** Tasks refused because their lane was full, since start. */
    public long rejected() {
        return rejected.sum();
    }

    /** Tasks that threw (logged, and their lane went on), since start. */
    public long failed() {
        return failed.sum();
    }

    /** Tasks waiting in all lanes now. */
    public int queued() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queued();
        }
        return n;
    }

    /**
     * How long the task that has waited longest in any lane has been waiting, in
     * nanoseconds (0 when every lane is idle): the queueing delay new work would add to.
     * Lock-free, cheap enough to read for every request.
     */
    public long queueDelayNanos() {
        long now = System.nanoTime();
        long max = 0;
        for (Lane lane : lanes) {
            long since = lane.oldestQueuedAt();
            if (since != 0) {
                max = Math.max(max, now - since);
            }
        }
        return max;
    }

    private static Lane laneOf(Lane[] ls, String key) {
        int h = key == null ? 0 : key.hashCode();
        h ^= h >>> 16; // Call-IDs often differ only in their tail
        return ls[Math.floorMod(h, ls.length)];
    }

    @Override
    public boolean execute(String key, Runnable task) {
        return offer(key, task, true);
    }

    @Override
    public void executeAlways(String key, Runnable task) {
        offer(key, task, false);
    }

    private boolean offer(String key, Runnable task, boolean bounded) {
        while (true) {
            Lane[] ls = lanes;
            if (ls.length == 0) {
                return false; // closed: the daemon is going down
            }
            Lane lane = laneOf(ls, key);
            if (lane.offer(task, bounded)) {
                return true;
            }
            if (!lane.isClosed()) {
                rejected.increment();
                return false;
            }
            // the lane was retired by a resize between our read and the offer: retry
        }
    }

    @Override
    public boolean inLane(String key) {
        Lane[] ls = lanes;
        return ls.length > 0 && laneOf(ls, key).isCurrentThread();
    }

    /** Stops accepting work; queued tasks still run. Waits up to two seconds for them. */
    @Override
    public synchronized void close() {
        Lane[] old = lanes;
        lanes = new Lane[0];
        for (Lane lane : old) {
            lane.close();
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (Lane lane : old) {
            try {
                lane.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
