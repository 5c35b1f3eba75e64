package org.sipwitch.sip.transaction;

import java.util.PriorityQueue;

/** A {@link Scheduler} on a clock the test advances: timer tests take no real time. */
final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    private final class Task implements Comparable<Task>, Scheduled {
        final long due;
        final long order = seq++;
        final Runnable action;
        boolean cancelled;

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
    public Scheduled schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), task);
        queue.add(t);
        return t;
    }

    long now() {
        return now;
    }

    /** Moves the clock forward, running every task that falls due on the way, in time order. */
    void advance(long millis) {
        long target = now + millis;
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            now = t.due;
            if (!t.cancelled) {
                t.action.run();
            }
        }
        now = target;
    }

    /** Tasks scheduled and not cancelled. */
    int pending() {
        int n = 0;
        for (Task t : queue) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }
}
