package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's channel with a real daemon and the real scripts/sipwitchctl: an event
 * stream that notices the daemon's death, and a reload error that keeps a secret's text
 * out of everything the operator sees.
 */
class ControlChannelIT {

    private static final String FRAGMENT = "Fragment99";

    @TempDir
    Path work;
    DaemonProcess daemon;
    Process events;

    @AfterEach
    void stop() throws Exception {
        if (events != null) {
            events.destroy();
            events.waitFor(5, TimeUnit.SECONDS);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** {@code sipwitchctl events} in the background; its stdout lines go to the queue. */
    private BlockingQueue<String> startEvents() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(DaemonProcess.script("sipwitchctl").toString(), "events");
        pb.environment().put("SIPWITCH_RUNDIR", daemon.runDir().toString());
        pb.redirectError(work.resolve("events.err").toFile());
        events = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(events.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the tool ended
            }
        }, "events-output");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    /** Raises events with {@code state} until the stream shows one: then it is surely streaming. */
    private static void awaitStreaming(DaemonProcess daemon, BlockingQueue<String> lines) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(Tools.sipwitchctl(daemon, "state", i % 2 == 0 ? "night" : "up").status()).isZero();
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(" state.changed state ")) {
                return;
            }
        }
        throw new AssertionError("the event stream showed no state change");
    }

    @Test
    void eventsEndsWithElevenSoonAfterTheDaemonIsKilled() throws Exception {
        daemon = DaemonProcess.start(new TestConfig().write(work), work);
        BlockingQueue<String> lines = startEvents();
        awaitStreaming(daemon, lines);
        long killed = System.nanoTime();
        ProcessHandle.of(daemon.pid()).orElseThrow().destroyForcibly();   // SIGKILL: no goodbye on the stream
        assertThat(events.waitFor(10, TimeUnit.SECONDS)).as("events still waiting after the daemon died").isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
        assertThat(events.exitValue()).isEqualTo(11);
        assertThat(seconds).as("seconds from kill -9 to exit").isLessThanOrEqualTo(3);
        assertThat(Files.readString(work.resolve("events.err"))).contains("the daemon is gone");
    }

    @Test
    void aStrayAmpersandInASecretLeavesNoFragmentAnywhere() throws Exception {
        TestConfig config = new TestConfig().user("alice", "201", "alice-secret-123");
        Path file = config.write(work);
        daemon = DaemonProcess.start(file, work);
        BlockingQueue<String> lines = startEvents();
        awaitStreaming(daemon, lines);

        String bad = new TestConfig().user("alice", "201", "s3cret&" + FRAGMENT + " tail").xml();
        Files.writeString(file, bad, StandardCharsets.UTF_8);
        int line = 1 + (int) bad.lines().takeWhile(l -> !l.contains(FRAGMENT)).count();
        Tools.Result reload = Tools.sipwitchctl(daemon, "reload");
        assertThat(reload.status()).as(reload.toString()).isEqualTo(20);
        assertThat(reload.err()).contains(file + ":" + line + ": malformed XML inside <secret>")
                .doesNotContain(FRAGMENT).doesNotContain("s3cret");

        String failure = null;
        for (String l = lines.poll(10, TimeUnit.SECONDS); l != null; l = lines.poll(2, TimeUnit.SECONDS)) {
            if (l.contains(" failure ")) {
                failure = l;
                break;
            }
        }
        assertThat(failure).as("the failure event").isNotNull().contains(file + ":" + line).doesNotContain(FRAGMENT);
        Tools.Result history = Tools.sipwitchctl(daemon, "history");
        assertThat(history.out()).contains("malformed XML inside <secret>").doesNotContain(FRAGMENT);
        List<String> log = daemon.stderr();
        assertThat(String.join("\n", log)).contains("malformed XML inside <secret>").doesNotContain(FRAGMENT)
                .doesNotContain("s3cret");
        assertThat(String.join("\n", daemon.stdout())).doesNotContain(FRAGMENT);
    }
}
