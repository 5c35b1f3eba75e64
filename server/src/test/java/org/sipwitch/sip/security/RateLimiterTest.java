package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;
import static org.sipwitch.sip.security.Fixtures.ipv4;
import static org.sipwitch.sip.security.Fixtures.security;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

class RateLimiterTest {

    private final ManualTime time = new ManualTime();
    private static final InetAddress PHONE = ip("192.0.2.10");

    private RateLimiter limiter(int rate, int burst) {
        return new RateLimiter(security(BlockAction.DROP, rate, burst), 10_000, time);
    }

    private int acquired(RateLimiter limiter, InetAddress source, int tries) {
        int ok = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.tryAcquire(source)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void aFullBucketAllowsTheBurstAtOnceThenTheRate() {
        RateLimiter limiter = limiter(10, 20);
        assertThat(acquired(limiter, PHONE, 25)).isEqualTo(20);
        assertThat(limiter.limitedTotal()).isEqualTo(5);
        time.advanceSeconds(0.1); // one token back
        assertThat(acquired(limiter, PHONE, 3)).isEqualTo(1);
        time.advanceSeconds(1); // ten tokens back
        assertThat(acquired(limiter, PHONE, 20)).isEqualTo(10);
    }

    @Test
    void sustainedRateIsTheConfiguredRate() {
        RateLimiter limiter = limiter(50, 100);
        int allowed = 0;
        for (int ms = 0; ms < 10_000; ms++) { // 10 s offered at 1000/s
            allowed += acquired(limiter, PHONE, 1);
            time.advanceNanos(1_000_000);
        }
        assertThat(allowed).isBetween(100 + 500 - 2, 100 + 500 + 2);
    }

    @Test
    void theBucketRefillsNoHigherThanTheBurst() {
        RateLimiter limiter = limiter(10, 20);
        time.advanceSeconds(3600);
        assertThat(acquired(limiter, PHONE, 100)).isEqualTo(20);
    }

    @Test
    void sourcesHaveTheirOwnBuckets() {
        RateLimiter limiter = limiter(1, 1);
        assertThat(limiter.tryAcquire(PHONE)).isTrue();
        assertThat(limiter.tryAcquire(PHONE)).isFalse();
        assertThat(limiter.tryAcquire(ip("192.0.2.11"))).isTrue();
        assertThat(limiter.tryAcquire(ip("2001:db8::1"))).isTrue();
        assertThat(limiter.tryAcquire(ip("2001:db8::1"))).isFalse();
        assertThat(limiter.tryAcquire(ip("2001:db8::2"))).isTrue();
    }

    @Test
    void rateZeroIsOff() {
        RateLimiter limiter = limiter(0, 1);
        assertThat(acquired(limiter, PHONE, 100_000)).isEqualTo(100_000);
        assertThat(limiter.trackedSources()).isZero();
        assertThat(limiter.describe()).isEqualTo("rate-limit off");
    }

    @Test
    void reloadChangesTheRateAndZeroEmptiesTheTable() {
        RateLimiter limiter = limiter(1, 1);
        limiter.tryAcquire(PHONE);
        limiter.reconfigure(security(BlockAction.DROP, 0, 1));
        assertThat(limiter.trackedSources()).isZero();
        assertThat(acquired(limiter, PHONE, 10)).isEqualTo(10);
        limiter.reconfigure(security(BlockAction.DROP, 100, 5));
        assertThat(acquired(limiter, PHONE, 10)).isEqualTo(5);
        assertThat(limiter.describe()).isEqualTo("rate-limit 100/s burst 5 per source");
    }

    @Test
    void tableStaysCappedUnderAFloodOfDistinctSources() {
        RateLimiter limiter = new RateLimiter(security(BlockAction.DROP, 10, 20), 1_000, time);
        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.tryAcquire(ipv4(i))).isTrue(); // each spoofed source: one packet
            if (i % 1000 == 0) {
                time.advanceNanos(1_000_000);
            }
        }
        assertThat(limiter.trackedSources()).isLessThanOrEqualTo(1_000);
        // a busy source that was seen last keeps its drained bucket
        assertThat(acquired(limiter, PHONE, 30)).isEqualTo(20);
    }
}
