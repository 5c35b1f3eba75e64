package org.sipwitch.sip.transaction;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sipwitch.sip.net.SendingLane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-threaded lane of a {@link CallIdExecutor}. The queue itself is unbounded
 * so that timer firings are never lost; the bound applies only to work offered from
 * the network ({@code bounded == true}).
 *
 * <p>The queue is a ring of tasks and the times they were queued, guarded by one lock: no node object per task (a {@code LinkedBlockingQueue} allocated one, 24 bytes,
 * for every request and timer), one lock instead of the queue's two plus the bound check's.
 * The time the oldest waiting task was queued is published in {@link #oldestQueuedAt()}
 * without a lock, so the overload guard can read the lane's queueing delay on every
 * request at the price of a volatile read.
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final Runnable STOP = () -> { };
    private static final int INITIAL_SLOTS = 256;
    private static final int BATCH = 64;

    private final int number;
    private final int capacity;
    private final Thread thread;
    private final LongAdder failed;
    private Lane[] predecessors; // dropped once joined, so generations are not chained forever
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    // the ring, guarded by lock
    private Runnable[] tasks = new Runnable[INITIAL_SLOTS];
    private long[] queuedAt = new long[INITIAL_SLOTS];
    private int head;
    private volatile int size; // written under the lock, read without it by queued()
    private boolean waiting;
    private boolean closed;
    /** {@link System#nanoTime()} when the task now at the head was queued; 0 when empty. */
    private volatile long oldest;
    /** The same for the tasks the lane has taken out in a batch and not yet run; 0 when none. */
    private volatile long oldestTaken;

    /**
     * @param number the lane's place in its executor, from 0 (see {@link SendingLane})
     * @param failed counts the tasks that threw, shared by all lanes of the executor
     */
    Lane(String name, int number, int capacity, Lane[] predecessors, LongAdder failed) {
        this.number = number;
        this.capacity = capacity;
        this.predecessors = predecessors;
        this.failed = failed;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** False when full (bounded offers only) or when the lane is closing: the caller re-reads the lanes. */
    boolean offer(Runnable task, boolean bounded) {
        lock.lock();
        try {
            if (closed || (bounded && size >= capacity)) {
                return false;
            }
            add(task);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(Runnable task) {
        if (size == tasks.length) {
            grow();
        }
        long now = System.nanoTime() | 1; // never 0, which means "empty"
        int tail = (head + size) & (tasks.length - 1);
        tasks[tail] = task;
        queuedAt[tail] = now;
        if (size++ == 0) {
            oldest = now;
        }
        if (waiting) {
            notEmpty.signal();
        }
    }

    private void grow() {
        int n = tasks.length;
        Runnable[] t = new Runnable[n * 2];
        long[] q = new long[n * 2];
        for (int i = 0; i < size; i++) {
            t[i] = tasks[(head + i) & (n - 1)];
            q[i] = queuedAt[(head + i) & (n - 1)];
        }
        tasks = t;
        queuedAt = q;
        head = 0;
    }

    /**
     * Moves up to a batch of tasks (and their queue times) out of the ring, waiting for
     * one: the lane takes the lock once per batch, not once per task, so the event loops
     * offering work rarely find it held.
     */
    private int takeBatch(Runnable[] batch, long[] times) throws InterruptedException {
        lock.lock();
        try {
            return takeLocked(batch, times);
        } finally {
            lock.unlock();
        }
    }

    private int takeLocked(Runnable[] batch, long[] times) throws InterruptedException {
        while (size == 0) {
            waiting = true;
            try {
                notEmpty.await();
            } finally {
                waiting = false;
            }
        }
        int n = Math.min(size, batch.length);
        int mask = tasks.length - 1;
        for (int i = 0; i < n; i++) {
            batch[i] = tasks[head];
            times[i] = queuedAt[head];
            tasks[head] = null;
            head = (head + 1) & mask;
        }
        size -= n;
        oldest = size == 0 ? 0 : queuedAt[head];
        return n;
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Everything queued so far still runs; later offers are refused. */
    void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                add(STOP);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    int queued() {
        return size;
    }

    /**
     * When the oldest task still waiting here was queued ({@link System#nanoTime()}), or 0
     * when nothing waits. Lock-free: read on the event loop for every request.
     */
    long oldestQueuedAt() {
        long taken = oldestTaken; // taken tasks were queued before anything still in the ring
        return taken != 0 ? taken : oldest;
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void loop() {
        SendingLane.enter(number);
        // After a resize, a Call-ID may map to a new lane while its older tasks still sit
        // in an old one: start only when every old lane has drained, so order holds.
        for (Lane old : predecessors) {
            try {
                old.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        predecessors = null;
        Runnable[] batch = new Runnable[BATCH];
        long[] times = new long[BATCH];
        while (true) {
            int n;
            try {
                n = takeBatch(batch, times);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < n; i++) {
                Runnable task = batch[i];
                batch[i] = null;
                oldestTaken = i + 1 < n ? times[i + 1] : 0;
                if (task == STOP) {
                    return;
                }
                run(task);
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (VirtualMachineError fatal) {
            // out of memory, internal error: the JVM cannot be trusted to go on serving;
            // the lane ends here (the lane probe of `check` reports it) rather than pretend
            throw fatal;
        } catch (Throwable t) {
            // one bad message or TU bug must not kill the lane and every call on it
            failed.increment();
            LOG.error("task failed on {}", thread.getName(), t);
        }
    }
}
