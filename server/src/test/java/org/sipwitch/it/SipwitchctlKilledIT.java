package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipwitchctl killed outright (SIGKILL: a supervisor's timeout, a test's destroyForcibly)
 * leaves nothing running: its once-a-second ticker used to outlive it with no parent (CI
 * runs found them minutes later), and its request writer, blocked until some daemon
 * opened the control FIFO, would have handed that daemon a request nobody waits for.
 */
class SipwitchctlKilledIT {

    @Test
    void killedWhileWaitingForTheReplyItLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
        Path control = controlFifo(dir);
        // a "daemon" that takes the request and never answers
        try (RandomAccessFile daemon = new RandomAccessFile(control.toFile(), "rw")) {
            killWhileWaiting(control, 1);
        }
    }

    @Test
    void killedBeforeAnyDaemonReadsItsRequestIsNeverDelivered(@TempDir Path dir) throws Exception {
        Path control = controlFifo(dir);
        // nobody reads: the writer waits in open(2) until a daemon opens the FIFO
        killWhileWaiting(control, 2);
        try (RandomAccessFile next = new RandomAccessFile(control.toFile(), "rw");
             FileInputStream in = new FileInputStream(control.toFile())) {
            assertThat(in.available()).as("bytes a later daemon would read").isZero();
        }
    }

    private static Path controlFifo(Path dir) throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path control = run.resolve("control");
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", control.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        return control;
    }

    /** Starts `sipwitchctl status`, waits for its {@code helpers} shell helpers, kills it, and wants them gone. */
    private static void killWhileWaiting(Path control, int helpers) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(DaemonProcess.script("sipwitchctl").toString(), "status")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SIPWITCH_RUNDIR", control.getParent().toString());
        pb.environment().put("SIPWITCHCTL_TIMEOUT", "30");
        Process ctl = pb.start();
        List<ProcessHandle> shells = await().atMost(Duration.ofSeconds(10))
                .until(() -> ctl.descendants().filter(h -> h.info().command().orElse("").endsWith("sh")).toList(),
                        l -> l.size() >= helpers);
        ctl.destroyForcibly().waitFor();
        try {
            for (ProcessHandle h : shells) {
                await("helper " + h.pid() + " of the killed sipwitchctl").atMost(Duration.ofSeconds(5))
                        .until(() -> !h.isAlive());
            }
        } finally {
            shells.forEach(ProcessHandle::destroyForcibly); // a failed run leaves nothing either
        }
    }
}
