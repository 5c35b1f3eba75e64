package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the warm-up calls the JIT settled, on a clock and a compile time the test moves. */
class WarmupTallyTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong compiledMillis = new AtomicLong();
    private final WarmupTally tally = new WarmupTally(0, Duration.ofSeconds(10), nanos::get, compiledMillis::get);

    @Test
    void aQuietSecondBeforeThePhonesStartIsNotASettledJit() {
        nanos.addAndGet(Duration.ofMillis(1_500).toNanos()); // keytool, binding: nothing compiles
        tally.windowFromNow(); // the phones start
        tally.tick();
        assertThat(tally.goOn(() -> false)).isTrue();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        compiledMillis.addAndGet(600); // the phones' load keeps the JIT busy
        tally.tick();
        assertThat(tally.goOn(() -> false)).isTrue();
    }

    @Test
    void aWholeSecondWithUnderATenthOfItCompilingIsSettled() {
        tally.windowFromNow();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        compiledMillis.addAndGet(99);
        tally.tick();
        assertThat(tally.goOn(() -> false)).isFalse();
        assertThat(tally.result().settled()).isTrue();
    }

    @Test
    void theBudgetAndTheDaemonsStopEndIt() {
        assertThat(tally.goOn(() -> true)).isFalse();
        nanos.set(Duration.ofSeconds(10).toNanos());
        assertThat(tally.goOn(() -> false)).isFalse();
        assertThat(tally.result().settled()).isFalse();
    }
}
