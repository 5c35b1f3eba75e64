package org.sipwitch.sip.transaction;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-threaded lane of a {@link CallIdExecutor}. The queue itself is unbounded
 * so that timer firings are never lost; the bound applies only to work offered from
 * the network ({@code bounded == true}).
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private final Thread thread;
    private final LongAdder failed;
    private Lane[] predecessors; // dropped once joined, so generations are not chained forever
    private boolean closed; // guarded by this

    /** @param failed counts the tasks that threw, shared by all lanes of the executor */
    Lane(String name, int capacity, Lane[] predecessors, LongAdder failed) {
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
    synchronized boolean offer(Runnable task, boolean bounded) {
        if (closed || (bounded && queue.size() >= capacity)) {
            return false;
        }
        queue.add(task);
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Everything queued so far still runs; later offers are refused. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            queue.add(STOP);
        }
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    int queued() {
        return queue.size();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void loop() {
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
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
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
}
