package org.sipwitch.sip.security;

/**
 * Where the guards get the time from. Injected so tests move time by hand instead of
 * sleeping through windows; the daemon uses {@link #SYSTEM}.
 *
 * <p>Two clocks because they answer different questions: {@link #nanoTime()} is
 * monotonic and decides windows, expiry and token refill (a wall-clock step must not
 * unblock anyone or refill every bucket); {@link #currentTimeMillis()} only labels
 * what the operator sees ("blocked since 14:02:11").
 */
public interface TimeSource {

    long nanoTime();

    long currentTimeMillis();

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
