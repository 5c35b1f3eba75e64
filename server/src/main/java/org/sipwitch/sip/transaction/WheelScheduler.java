package org.sipwitch.sip.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: Netty's hashed wheel timer. SIP timers are
 * coarse (hundreds of milliseconds) and numerous (several per transaction), which is
 * what a wheel is for: O(1) insert and cancel, one thread, 10 ms ticks.
 */
public final class WheelScheduler implements Scheduler, AutoCloseable {
    private final HashedWheelTimer wheel;

    public WheelScheduler() {
        wheel = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "sip-timer");
            t.setDaemon(true);
            return t;
        }, 10, TimeUnit.MILLISECONDS, 512);
    }

    @Override
    public Scheduled schedule(long delayMillis, Runnable task) {
        Timeout timeout = wheel.newTimeout(t -> task.run(), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return timeout::cancel;
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
