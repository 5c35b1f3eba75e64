package org.sipwitch.sip.security;

import java.util.concurrent.TimeUnit;

/** A clock the test moves by hand. Starts near a nanoTime wrap to catch "a < b" comparisons. */
final class ManualTime implements TimeSource {

    private long nanos = Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(30);
    private long millis = 1_800_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }

    void advanceSeconds(double seconds) {
        advanceNanos((long) (seconds * 1e9));
    }

    void advanceNanos(long delta) {
        nanos += delta;
        millis += delta / 1_000_000;
    }
}
