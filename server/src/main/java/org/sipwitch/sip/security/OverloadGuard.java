package org.sipwitch.sip.security;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Server-wide load shedding: when the work queues hold {@code <queue-limit>} items, new
 * work is answered {@code 503 Service Unavailable} with {@code Retry-After:
 * <retry-after>} instead of being queued, so memory stays bounded and the phones back
 * off instead of retransmitting into a queue that will time them out anyway.
 *
 * <p>With hysteresis: shedding starts at the limit and stops only when the queue is back
 * under {@link #RESUME_FRACTION} of it, so the server does not flap between the two
 * around the limit (and the listener hears one "overloaded" and one "recovered" per
 * episode, for one log line each).
 *
 * <p>The queue depth comes from {@link #watch(LongSupplier)}: the stack hands over
 * something cheap such as its executor queue's {@code size()}; it is read once per
 * request asked about.
 */
public final class OverloadGuard {

    /** Shedding stops below this fraction of the queue limit. */
    public static final double RESUME_FRACTION = 0.8;

    /** Hears the start and end of each overload episode. */
    public interface Listener {
        void overloadChanged(boolean overloaded, long depth, int limit);
    }

    private record Params(int limit, long resumeBelow, int retryAfter) {
    }

    private final AtomicBoolean overloaded = new AtomicBoolean();
    private final LongAdder shed = new LongAdder();
    private volatile LongSupplier depth = () -> 0;
    private volatile Listener listener = (o, d, l) -> { };
    private volatile Params params;

    public OverloadGuard(SecuritySettings security) {
        reconfigure(security);
    }

    public void reconfigure(SecuritySettings security) {
        int limit = security.queueLimit();
        params = new Params(limit, (long) Math.floor(limit * RESUME_FRACTION), security.retryAfter());
    }

    /** Where the pending-work count comes from. */
    public void watch(LongSupplier queueDepth) {
        this.depth = Objects.requireNonNull(queueDepth, "queueDepth");
    }

    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** True when new work must be refused now (and counts it as shed). */
    public boolean shouldShed() {
        Params p = params;
        long pending = depth.getAsLong();
        boolean was = overloaded.get();
        boolean now = was ? pending >= p.resumeBelow : pending >= p.limit;
        if (now != was && overloaded.compareAndSet(was, now)) {
            listener.overloadChanged(now, pending, p.limit);
        }
        if (now) {
            shed.increment();
        }
        return now;
    }

    /** The {@code Retry-After} seconds to send with the 503. */
    public int retryAfter() {
        return params.retryAfter;
    }

    public boolean isOverloaded() {
        return overloaded.get();
    }

    public long shedTotal() {
        return shed.sum();
    }

    public String describe() {
        Params p = params;
        return "queue-limit " + p.limit + " retry-after " + p.retryAfter + "s"
                + (isOverloaded() ? " (overloaded now)" : "");
    }
}
