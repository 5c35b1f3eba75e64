package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

class OverloadGuardTest {

    private final AtomicLong depth = new AtomicLong();
    private final List<String> events = new ArrayList<>();

    private OverloadGuard guard(int queueLimit, int retryAfter) {
        OverloadGuard guard = new OverloadGuard(new SecuritySettings(5, 60, 600, BlockAction.DROP, 0, 1, queueLimit,
                retryAfter));
        guard.watch(depth::get);
        guard.setListener((overloaded, d, limit) -> events.add(overloaded + " " + d + "/" + limit));
        return guard;
    }

    @Test
    void shedsFromTheLimitUntilWellBelowItAndReportsEachEpisodeOnce() {
        OverloadGuard guard = guard(100, 7);
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
        assertThat(events).containsExactly("true 100/100", "false 79/100");
        assertThat(guard.shedTotal()).isEqualTo(3);
        assertThat(guard.retryAfter()).isEqualTo(7);
    }

    @Test
    void withoutADepthSignalNothingIsShed() {
        OverloadGuard guard = new OverloadGuard(new SecuritySettings(5, 60, 600, BlockAction.DROP, 0, 1, 1, 5));
        assertThat(guard.shouldShed()).isFalse();
    }

    @Test
    void reloadTakesTheNewLimit() {
        OverloadGuard guard = guard(100, 5);
        depth.set(50);
        assertThat(guard.shouldShed()).isFalse();
        guard.reconfigure(new SecuritySettings(5, 60, 600, BlockAction.DROP, 0, 1, 50, 9));
        assertThat(guard.shouldShed()).isTrue();
        assertThat(guard.retryAfter()).isEqualTo(9);
        assertThat(guard.describe()).isEqualTo("queue-limit 50 retry-after 9s (overloaded now)");
    }
}
