package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallStatisticsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CallStatistics stats = new CallStatistics(now.get());

    private EntityTotals of(String name) {
        return stats.stats().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void countsInOutCurrentPeakPerEntityAndSystem() {
        stats.callStarted("alice", "bob", now.get());
        now.addAndGet(1000);
        stats.callStarted("carol", "bob", now.get());
        stats.callEnded("alice", "bob");
        stats.callStarted(null, "alice", now.get()); // an outside caller

        assertThat(of("alice")).isEqualTo(new EntityTotals("alice", 1, 1, 1, 1, 1_001_000));
        assertThat(of("bob")).isEqualTo(new EntityTotals("bob", 2, 0, 1, 2, 1_001_000));
        assertThat(of("carol")).isEqualTo(new EntityTotals("carol", 0, 1, 1, 1, 1_001_000));
        assertThat(of("system")).isEqualTo(new EntityTotals("system", 3, 0, 2, 2, 1_001_000));
        assertThat(stats.stats().get(0).name()).isEqualTo("system");
    }

    @Test
    void anEndWithoutAStartNeverGoesNegative() {
        stats.callEnded("alice", "bob");
        assertThat(of("alice").current()).isZero();
        assertThat(of("system").current()).isZero();
    }

    @Test
    void periodsCountWhatHappenedInThemAndTheirPeak() {
        stats.callStarted("alice", "bob", now.get());
        stats.callStarted("alice", "carol", now.get());
        stats.callEnded("alice", "carol");
        now.addAndGet(5 * 60_000);
        assertThat(stats.rollPeriod(now.get()).get(0)).isEqualTo(new PeriodTotals("system", 1_000_000, 5, 2, 0, 2, 0));
        PeriodTotals alice = stats.lastPeriod().stream().filter(p -> p.name().equals("alice")).findFirst().orElseThrow();
        assertThat(alice).isEqualTo(new PeriodTotals("alice", 1_000_000, 5, 0, 2, 2, 0));

        now.addAndGet(60_000); // a quiet minute: the call still up is both the peak and the minimum
        assertThat(stats.rollPeriod(now.get()).get(0).incoming()).isZero();
        PeriodTotals quiet = stats.lastPeriod().stream().filter(p -> p.name().equals("alice")).findFirst().orElseThrow();
        assertThat(quiet).isEqualTo(new PeriodTotals("alice", 1_300_000, 1, 0, 0, 1, 1));
    }

    @Test
    void threadSafeUnderConcurrentCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 2000; i++) {
                    stats.callStarted("alice", "bob", now.get());
                    stats.callEnded("alice", "bob");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(of("alice").outTotal()).isEqualTo(8000);
        assertThat(of("bob").inTotal()).isEqualTo(8000);
        assertThat(of("system").current()).isZero();
        assertThat(of("system").peak()).isBetween(1, 4);
    }
}
