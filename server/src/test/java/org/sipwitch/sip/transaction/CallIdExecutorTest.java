package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.net.SendingLane;
import org.sipwitch.testing.ManualTimers;
import org.slf4j.LoggerFactory;

class CallIdExecutorTest {
    private CallIdExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void tasksOfOneCallIdRunInOrderOnOneThread() throws InterruptedException {
        executor = new CallIdExecutor(4, 10_000);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            executor.execute("call-x", () -> {
                seen.add(n);
                threads.add(Thread.currentThread().getName());
                assertThat(executor.inLane("call-x")).isTrue();
            });
        }
        executor.execute("call-x", done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).isSorted().hasSize(1000);
        assertThat(threads).containsOnly(threads.get(0));
        assertThat(executor.inLane("call-x")).isFalse();
    }

    @Test
    void eachLaneKnowsItsNumberSoTheTransportCanGiveItASocket() throws InterruptedException {
        executor = new CallIdExecutor(4, 10_000);
        assertThat(lanesSeenBy(executor)).containsExactlyInAnyOrder("sip-lane-0-0=0", "sip-lane-0-1=1",
                "sip-lane-0-2=2", "sip-lane-0-3=3");
        executor.setConcurrency(2);
        assertThat(lanesSeenBy(executor)).containsExactlyInAnyOrder("sip-lane-1-0=0", "sip-lane-1-1=1");
        assertThat(SendingLane.current()).as("a thread that runs no lane").isEqualTo(-1);
    }

    /** The thread name and lane number each lane reports, over enough Call-IDs to reach every lane. */
    static Set<String> lanesSeenBy(CallIdExecutor executor) throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            executor.execute("call-" + i + "@127.0.0.1", () -> {
                seen.add(Thread.currentThread().getName() + "=" + SendingLane.current());
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return seen;
    }

    @Test
    void theQueueDelayIsHowLongTheOldestWaitingTaskHasWaited() throws InterruptedException {
        executor = new CallIdExecutor(2, 10_000);
        assertThat(executor.queueDelayNanos()).isZero();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        executor.execute("a", () -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.queueDelayNanos()).as("the running task is not waiting").isZero();
        CountDownLatch ran = new CountDownLatch(600);
        for (int i = 0; i < 600; i++) { // past the ring's first 256 slots, so it grows while queued
            executor.execute("a", ran::countDown);
        }
        long first = executor.queueDelayNanos();
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.queueDelayNanos() > first);
        assertThat(executor.queued()).isEqualTo(600);
        release.countDown();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.queueDelayNanos() == 0 && executor.queued() == 0);
    }

    @Test
    void aFullLaneRefusesNetworkWorkButNotTimers() throws InterruptedException {
        executor = new CallIdExecutor(1, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        executor.execute("a", () -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.execute("a", () -> { })).isTrue();
        assertThat(executor.execute("b", () -> { })).isTrue();
        assertThat(executor.execute("c", () -> { })).isTrue();
        assertThat(executor.execute("d", () -> { })).as("queue of 3 is full").isFalse();
        assertThat(executor.rejected()).isEqualTo(1);

        AtomicBoolean timerRan = new AtomicBoolean();
        executor.executeAlways("d", () -> timerRan.set(true));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).untilTrue(timerRan);
    }

    @Test
    void resizingKeepsTheOrderOfQueuedWork() throws InterruptedException {
        executor = new CallIdExecutor(2, 100_000);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 20_000; i++) {
            int n = i;
            executor.execute("call-y", () -> seen.add(n));
            if (i == 5_000) {
                executor.setConcurrency(7);
            } else if (i == 12_000) {
                executor.setConcurrency(3);
            }
        }
        executor.execute("call-y", done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.concurrency()).isEqualTo(3);
        assertThat(seen).hasSize(20_000).isSorted();
    }

    @Test
    void aFailingTaskDoesNotKillTheLane() throws InterruptedException {
        executor = new CallIdExecutor(1, 10);
        CountDownLatch done = new CountDownLatch(1);
        executor.execute("a", () -> { throw new IllegalStateException("TU bug (expected in this test)"); });
        executor.execute("a", done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFullLaneMakesTheLayerAnswer503() throws InterruptedException {
        executor = new CallIdExecutor(1, 1);
        ManualTimers clock = new ManualTimers();
        RecordingSender sender = new RecordingSender(null);
        RecordingUser tu = new RecordingUser();
        TransactionLayer layer = new TransactionLayer(sender, tu, executor, clock, TransactionSettings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        executor.execute("busy", () -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        layer.onMessage(Msgs.udp(Msgs.request("OPTIONS", "z9hG4bK-q1", "q1", 1))); // fills the queue
        layer.onMessage(Msgs.udp(Msgs.request("OPTIONS", "z9hG4bK-q2", "q2", 1))); // shed
        assertThat(sender.responses(503)).hasSize(1);
        assertThat(layer.serverTransactionCount()).isEqualTo(1);
        assertThat(layer.stats().rejected()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> tu.requests.size() == 1);
    }

    @Test
    void aTaskThatThrowsIsLoggedAndCountedAndTheNextTaskOnItsLaneStillRuns() throws InterruptedException {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger laneLog = (Logger) LoggerFactory.getLogger(Lane.class);
        laneLog.addAppender(log);
        try {
            executor = new CallIdExecutor(1, 100);
            CountDownLatch next = new CountDownLatch(1);
            executor.execute("call-x", () -> {
                throw new IllegalStateException("a bug in the TU");
            });
            executor.execute("call-x", next::countDown);
            assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.failed()).isEqualTo(1);
            assertThat(log.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug in the TU");
            });
        } finally {
            laneLog.detachAppender(log);
        }
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowedButEndsTheLane() throws InterruptedException {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        try {
            executor = new CallIdExecutor(1, 100);
            OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
            AtomicReference<Thread> lane = new AtomicReference<>();
            CountDownLatch thrown = new CountDownLatch(1);
            executor.execute("call-x", () -> {
                lane.set(Thread.currentThread());
                thrown.countDown();
                throw oom;
            });
            assertThat(thrown.await(5, TimeUnit.SECONDS)).isTrue();
            lane.get().join(5_000);
            assertThat(lane.get().isAlive()).as("the lane thread ended with the error").isFalse();
            assertThat(uncaught.get()).isSameAs(oom);
            assertThat(executor.failed()).as("not counted as a contained failure").isZero();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
