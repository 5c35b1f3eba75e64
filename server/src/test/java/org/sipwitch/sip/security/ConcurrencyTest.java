package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;
import static org.sipwitch.sip.security.Fixtures.ipv4;
import static org.sipwitch.sip.security.Fixtures.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

/** Several threads on the same source: still one block, one event; tokens never over-granted. */
class ConcurrencyTest {

    private final ManualTime time = new ManualTime(); // frozen: no refill while the threads run

    private static void onThreads(int threads, Runnable work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                work.run();
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }

    @Test
    void concurrentFailuresBlockOnceAndNotifyOnce() throws InterruptedException {
        AuthFailureGuard guard = new AuthFailureGuard(security(), AccessLists.open(), GuardLimits.defaults(), time);
        AtomicInteger blocks = new AtomicInteger();
        guard.addListener(new AuthGuardListener() {
            @Override
            public void sourceBlocked(BlockedSource blocked) {
                blocks.incrementAndGet();
            }
        });
        InetAddress attacker = ip("203.0.113.9");
        AtomicInteger blockedReturns = new AtomicInteger();
        onThreads(4, () -> {
            for (int i = 0; i < 5_000; i++) {
                if (guard.recordFailure(attacker, "user" + (i % 5))) { // a scanner: several names
                    blockedReturns.incrementAndGet();
                }
                guard.recordFailure(ipv4(i), "bob"); // and some churn on other sources
            }
        });
        assertThat(blocks).hasValue(1);
        assertThat(blockedReturns).hasValue(1);
        assertThat(guard.blocked()).filteredOn(b -> b.address().equals(attacker)).singleElement()
                // a racer may count one failure into the counter retired by the block
                .satisfies(b -> assertThat(b.failures()).isBetween(20_000 - 8, 20_000));
    }

    @Test
    void concurrentRequestsGetNoMoreThanTheBurst() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(security(BlockAction.DROP, 10, 100), 1_000, time);
        InetAddress source = ip("192.0.2.1");
        AtomicInteger allowed = new AtomicInteger();
        onThreads(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                if (limiter.tryAcquire(source)) {
                    allowed.incrementAndGet();
                }
            }
        });
        assertThat(allowed).hasValue(100);
        assertThat(limiter.limitedTotal()).isEqualTo(40_000 - 100);
    }
}
