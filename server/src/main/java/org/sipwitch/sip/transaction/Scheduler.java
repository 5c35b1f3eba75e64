package org.sipwitch.sip.transaction;

/**
 * Runs a task after a delay. Transactions never sleep or read the wall clock
 * themselves: production uses {@link WheelScheduler}, tests a manual clock they
 * advance, so a 32-second Timer D takes no time in a unit test.
 *
 * <p>Tasks run on the scheduler's own thread and must only hand work on (the
 * transactions post the firing onto the lane of their Call-ID).
 */
public interface Scheduler {

    Scheduled schedule(long delayMillis, Runnable task);

    /** This scheduler's time in milliseconds, for deadlines of timers that share one task. */
    default long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** A pending task; cancelling one that already ran does nothing. */
    interface Scheduled {
        void cancel();
    }
}
