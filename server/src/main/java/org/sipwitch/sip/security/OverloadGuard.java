package org.sipwitch.sip.security;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Server-wide load shedding: new work is answered {@code 503 Service Unavailable} with
 * {@code Retry-After: <retry-after>} instead of being queued when either
 * <ul>
 *   <li>the <b>queueing delay</b> reaches {@code <queue-delay>}: the oldest task waiting
 *       for a lane has waited that long. This is what a phone feels, and what grows first
 *       when the server cannot keep up (a cold JVM, a registration avalanche after an
 *       outage): without it, requests queue into seconds of latency, the phones
 *       retransmit into the queue and the socket overflows. Requests that answer a
 *       challenge ({@code Authorization}/{@code Proxy-Authorization}) are shed only at
 *       twice the delay, so the flows already half done (one round trip spent) finish
 *       first; or</li>
 *   <li>the <b>queue length</b> reaches {@code <queue-limit>} items (a memory bound).</li>
 * </ul>
 *
 * <p>The delay must last: shedding starts when the delay has stayed at or above the limit
 * for as long again (CoDel's interval), so one stall of the whole process — a GC pause,
 * a host that did not schedule us for a moment — does not refuse a burst of calls: after
 * such a stall the lanes drain in milliseconds and the delay falls back before the
 * interval is over. A real overload keeps it up.
 *
 * <p>With hysteresis: shedding by delay stops only when the delay is back under half
 * the limit, by length under {@link #RESUME_FRACTION} of it, so the server does not flap
 * around the limit (and the listener hears one "overloaded" and one "recovered" per
 * episode, for one log line each).
 *
 * <p>Depth and delay come from {@link #watch(LongSupplier, LongSupplier)}: the stack hands
 * over something cheap (lock-free reads of its lanes); both are read once per request
 * asked about.
 */
public final class OverloadGuard {

    /** Shedding by queue length stops below this fraction of the queue limit. */
    public static final double RESUME_FRACTION = 0.8;

    /** What a request asks of the server, for shedding purposes. */
    public enum Work {
        /** a new request, no credentials: shed first */
        INITIAL,
        /** a new request answering a challenge: its flow has already cost a round trip */
        CREDENTIALED
    }

    /** Hears the start and end of each overload episode. */
    public interface Listener {
        /** @param state what was measured, e.g. "12 requests queued (limit 10000), oldest waiting 153 ms (limit 100 ms)" */
        void overloadChanged(boolean overloaded, String state);
    }

    private record Params(int limit, long resumeBelow, long delayNanos, int delayMillis, int retryAfter) {
    }

    private final AtomicBoolean overloaded = new AtomicBoolean();
    private final LongSupplier nanoTime;
    /** {@link #nanoTime} when the delay was first seen at or above the limit; {@link #BELOW} = below it. */
    private volatile long aboveSince = BELOW;
    private static final long BELOW = Long.MIN_VALUE;
    private final LongAdder shed = new LongAdder();
    private volatile LongSupplier depth = () -> 0;
    private volatile LongSupplier delay = () -> 0;
    private volatile Listener listener = (o, s) -> { };
    private volatile Params params;

    public OverloadGuard(SecuritySettings security) {
        this(security, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the delay's duration is measured on (tests move it by hand) */
    public OverloadGuard(SecuritySettings security, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        reconfigure(security);
    }

    public void reconfigure(SecuritySettings security) {
        int limit = security.queueLimit();
        params = new Params(limit, Math.max(1, (long) Math.floor(limit * RESUME_FRACTION)), // a limit of 1 resumes at 0
                TimeUnit.MILLISECONDS.toNanos(security.queueDelay()), security.queueDelay(), security.retryAfter());
    }

    /** Where the pending-work count and the queueing delay (nanoseconds) come from. */
    public void watch(LongSupplier queueDepth, LongSupplier queueDelayNanos) {
        this.depth = Objects.requireNonNull(queueDepth, "queueDepth");
        this.delay = Objects.requireNonNull(queueDelayNanos, "queueDelayNanos");
    }

    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** {@link #shouldShed(Work)} for a request without credentials. */
    public boolean shouldShed() {
        return shouldShed(Work.INITIAL);
    }

    /** True when this new work must be refused now (and counts it as shed). */
    public boolean shouldShed(Work work) {
        Params p = params;
        long pending = depth.getAsLong();
        long waited = p.delayNanos == 0 ? 0 : delay.getAsLong();
        boolean sustained = false;
        if (p.delayNanos > 0 && waited >= p.delayNanos) {
            long t = nanoTime.getAsLong();
            long since = aboveSince;
            if (since == BELOW) {
                aboveSince = t;
            } else {
                sustained = t - since >= p.delayNanos;
            }
        } else if (aboveSince != BELOW) {
            aboveSince = BELOW;
        }
        boolean was = overloaded.get();
        boolean now = was
                ? pending >= p.resumeBelow || (p.delayNanos > 0 && waited >= p.delayNanos / 2)
                : pending >= p.limit || sustained;
        if (now != was && overloaded.compareAndSet(was, now)) {
            listener.overloadChanged(now, state(p, pending, waited));
        }
        // while overloaded, answers to challenges still pass until the delay is twice the limit
        boolean refuse = now && (work == Work.INITIAL || pending >= p.limit
                || (p.delayNanos > 0 && waited >= 2 * p.delayNanos));
        if (refuse) {
            shed.increment();
        }
        return refuse;
    }

    private static String state(Params p, long pending, long waitedNanos) {
        return pending + " requests queued (limit " + p.limit + ")"
                + (p.delayNanos == 0 ? "" : ", oldest waiting " + TimeUnit.NANOSECONDS.toMillis(waitedNanos)
                        + " ms (limit " + p.delayMillis + " ms)");
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
        return "queue-limit " + p.limit + " queue-delay " + (p.delayMillis == 0 ? "off" : p.delayMillis + "ms")
                + " retry-after " + p.retryAfter + "s" + (isOverloaded() ? " (overloaded now)" : "");
    }
}
