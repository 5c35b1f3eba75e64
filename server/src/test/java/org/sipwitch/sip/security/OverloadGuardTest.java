package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.OverloadGuard.Work;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

class OverloadGuardTest {

    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong delayNanos = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> events = new ArrayList<>();

    private OverloadGuard guard(int queueLimit, int queueDelayMillis, int retryAfter) {
        OverloadGuard guard = new OverloadGuard(settings(queueLimit, queueDelayMillis, retryAfter), clock::get);
        guard.watch(depth::get, delayNanos::get);
        guard.setListener((overloaded, state) -> events.add(overloaded + " " + state));
        return guard;
    }

    private static SecuritySettings settings(int queueLimit, int queueDelayMillis, int retryAfter) {
        return new SecuritySettings(5, 60, 600, BlockAction.DROP, 0, 1, queueLimit, queueDelayMillis, retryAfter);
    }

    private void waited(long millis) {
        delayNanos.set(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void later(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void shedsFromTheLimitUntilWellBelowItAndReportsEachEpisodeOnce() {
        OverloadGuard guard = guard(100, 0, 7);
        depth.set(99);
        assertThat(guard.shouldShed()).isFalse();
        depth.set(100);
        assertThat(guard.shouldShed()).isTrue();
        assertThat(guard.shouldShed()).isTrue();
        depth.set(81); // still above 80 %: no flapping
        assertThat(guard.shouldShed()).isTrue();
        depth.set(79);
        assertThat(guard.shouldShed()).isFalse();
        depth.set(99);
        assertThat(guard.shouldShed()).isFalse();
        assertThat(events).containsExactly("true 100 requests queued (limit 100)",
                "false 79 requests queued (limit 100)");
        assertThat(guard.shedTotal()).isEqualTo(3);
        assertThat(guard.retryAfter()).isEqualTo(7);
    }

    @Test
    void shedsWhenTheOldestWaitingWorkHasWaitedTheQueueDelayUntilItIsBelowHalf() {
        OverloadGuard guard = guard(10_000, 100, 5);
        waited(99);
        assertThat(guard.shouldShed()).isFalse();
        waited(100);
        assertThat(guard.shouldShed()).as("not yet: it has to last").isFalse();
        later(99);
        waited(199);
        assertThat(guard.shouldShed()).isFalse();
        later(1);
        waited(200);
        assertThat(guard.shouldShed()).isTrue();
        waited(51); // above half the limit: still shedding, no flapping
        assertThat(guard.shouldShed()).isTrue();
        waited(49);
        assertThat(guard.shouldShed()).isFalse();
        waited(99);
        assertThat(guard.shouldShed()).isFalse();
        assertThat(events).containsExactly(
                "true 0 requests queued (limit 10000), oldest waiting 200 ms (limit 100 ms)",
                "false 0 requests queued (limit 10000), oldest waiting 49 ms (limit 100 ms)");
    }

    @Test
    void answersToChallengesPassUntilTheDelayIsTwiceTheLimit() {
        OverloadGuard guard = guard(10_000, 100, 5);
        waited(150);
        assertThat(guard.shouldShed(Work.INITIAL)).isFalse();
        later(100);
        assertThat(guard.shouldShed(Work.INITIAL)).isTrue();
        assertThat(guard.shouldShed(Work.CREDENTIALED)).isFalse();
        waited(200);
        assertThat(guard.shouldShed(Work.CREDENTIALED)).isTrue();
        assertThat(guard.shedTotal()).isEqualTo(2);
    }

    @Test
    void aStallThatDrainsBeforeTheIntervalShedsNothing() {
        OverloadGuard guard = guard(10_000, 100, 5);
        waited(300); // the whole process was not scheduled for 300 ms
        assertThat(guard.shouldShed()).isFalse();
        later(5);
        waited(0); // the lanes drained
        assertThat(guard.shouldShed()).isFalse();
        later(200);
        waited(120); // a new, short spike starts a new interval
        assertThat(guard.shouldShed()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aQueueDelayOfZeroLeavesOnlyTheLengthLimit() {
        OverloadGuard guard = guard(100, 0, 5);
        waited(60_000);
        assertThat(guard.shouldShed()).isFalse();
        assertThat(guard.describe()).isEqualTo("queue-limit 100 queue-delay off retry-after 5s");
    }

    @Test
    void withoutASignalNothingIsShed() {
        OverloadGuard guard = new OverloadGuard(settings(1, 1, 5));
        assertThat(guard.shouldShed()).isFalse();
    }

    @Test
    void reloadTakesTheNewLimits() {
        OverloadGuard guard = guard(100, 0, 5);
        depth.set(50);
        waited(30);
        assertThat(guard.shouldShed()).isFalse();
        guard.reconfigure(settings(100, 20, 9));
        assertThat(guard.shouldShed()).isFalse();
        later(20);
        assertThat(guard.shouldShed()).isTrue();
        assertThat(guard.retryAfter()).isEqualTo(9);
        assertThat(guard.describe()).isEqualTo("queue-limit 100 queue-delay 20ms retry-after 9s (overloaded now)");
    }
}
