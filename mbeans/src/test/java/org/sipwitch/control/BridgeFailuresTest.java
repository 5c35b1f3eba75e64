package org.sipwitch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the bridge does with a failure nobody planned for, through the real sipwitchctl:
 * a bug in one request is answered, logged and counted, and the next request is served;
 * an error of the JVM itself (out of memory) is not swallowed but ends the thread it hit.
 */
class BridgeFailuresTest {

    @TempDir
    Path temp;
    Path runDir;
    Path tmp;
    FifoBridge bridge;
    final AtomicReference<Throwable> statusThrows = new AtomicReference<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final AtomicReference<Throwable> uncaught = new AtomicReference<>();
    Thread.UncaughtExceptionHandler previous;

    @BeforeEach
    void start() throws Exception {
        runDir = Files.createDirectory(temp.resolve("run"));
        tmp = Files.createDirectory(temp.resolve("tmp")).toRealPath();
        // "status" is the buggy verb, "contact" a healthy one: both names sipwitchctl knows
        Verb status = new Verb("status", "", "fails", 0, 0, null, "", Verb.Kind.BRIDGE, ArgCheck.NONE,
                (server, args) -> {
                    Throwable t = statusThrows.get();
                    if (t instanceof Error e) {
                        throw e;
                    }
                    return Reply.ok("fine");
                }, null);
        Verb contact = new Verb("contact", "", "works", 0, 0, null, "", Verb.Kind.BRIDGE, ArgCheck.NONE,
                (server, args) -> Reply.ok("sip:192.0.2.1:5060"), null);
        bridge = new FifoBridge(runDir, new InMemoryDaemon().server, VerbTable.of(status, contact),
                BridgeSettings.defaults().withReplyRoots(List.of(tmp))).start();
        log.start();
        ((Logger) LoggerFactory.getLogger(FifoBridge.class)).addAppender(log);
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
    }

    @AfterEach
    void stop() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        ((Logger) LoggerFactory.getLogger(FifoBridge.class)).detachAppender(log);
        bridge.close();
    }

    Sipwitchctl ctl() {
        return new Sipwitchctl("dash", runDir, tmp);
    }

    @Test
    void aBugInOneRequestIsAnsweredLoggedAndCountedAndTheNextRequestIsServed() throws Exception {
        statusThrows.set(new AssertionError("a bug in a verb"));
        var failed = ctl().run("status");
        assertThat(failed.exit()).isEqualTo(20);
        assertThat(failed.err()).contains("internal error").contains("a bug in a verb");
        assertThat(bridge.failed()).isEqualTo(1);
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("'status' failed unexpectedly");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug in a verb");
        });

        var next = ctl().run("contact");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.out()).isEqualTo("sip:192.0.2.1:5060\n");
        assertThat(uncaught.get()).isNull();
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowed() throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
        statusThrows.set(oom);
        Process client = ctl().start("status");
        try {
            // the worker thread it hit dies with it, so it reaches the thread's uncaught handler
            // (ours: Awaitility must not install its own, which would rethrow it here)
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> uncaught.get() != null);
            assertThat(uncaught.get()).isSameAs(oom);
        } finally {
            client.destroy();
            client.waitFor();
        }
        assertThat(bridge.failed()).isZero();
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR);

        var next = ctl().run("contact");
        assertThat(next.exit()).as("a fresh worker serves the next request: " + next.err()).isZero();
    }
}
