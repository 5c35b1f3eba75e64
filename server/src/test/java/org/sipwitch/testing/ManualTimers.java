package org.sipwitch.testing;

import java.time.Duration;
import java.util.PriorityQueue;
import org.sipwitch.sip.transaction.Scheduler;

/**
 * A scheduler and a clock on one manual time line: a 32-second ring or a 64*T1 timeout
 * takes no real time. {@link #now()} counts from 0; as a {@link java.time.Clock} it starts at {@link #EPOCH}.
 */
public final class ManualTimers extends MutableClock implements Scheduler {
    public static final long EPOCH = 1_700_000_000_000L;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private volatile long now;
    private long seq;

    public ManualTimers() {
        super(EPOCH);
    }

    private final class Task implements Comparable<Task>, Scheduled {
        final long due;
        final long order = seq++;
        final Runnable action;
        volatile boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Scheduled schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), task);
        queue.add(t);
        return t;
    }

    /** Moves time forward, running what falls due on the way, in time order (tasks may schedule more). */
    public void advance(long millis) {
        long target = now + millis;
        while (true) {
            Task t;
            synchronized (this) {
                if (queue.isEmpty() || queue.peek().due > target) {
                    break;
                }
                t = queue.poll();
                now = t.due;
                set(EPOCH + now);
            }
            if (!t.cancelled) {
                t.action.run();
            }
        }
        now = target;
        set(EPOCH + now);
    }

    /** As {@link #advance(long)}: the timers that fall due run. */
    @Override
    public void advance(Duration d) {
        advance(d.toMillis());
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Milliseconds advanced since creation. */
    public long now() {
        return now;
    }

    /** Timers scheduled, not cancelled and not yet run. */
    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }
}
