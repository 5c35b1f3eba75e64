package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * while it waits for a reply leaves nothing running: its once-a-second ticker used to
 * outlive it with no parent (CI runs found them minutes later).
 */
class SipwitchctlKilledIT {

    @Test
    void killedWhileWaitingItLeavesNoProcessBehind(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path control = run.resolve("control");
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", control.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // a "daemon" that takes the request and never answers
        try (RandomAccessFile reader = new RandomAccessFile(control.toFile(), "rw")) {
            ProcessBuilder pb = new ProcessBuilder(DaemonProcess.script("sipwitchctl").toString(), "status")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("SIPWITCH_RUNDIR", run.toString());
            pb.environment().put("SIPWITCHCTL_TIMEOUT", "30");
            Process ctl = pb.start();
            List<ProcessHandle> helpers = await().atMost(Duration.ofSeconds(10))
                    .until(() -> ctl.descendants().filter(h -> h.info().command().orElse("").endsWith("sh")).toList(),
                            l -> !l.isEmpty());
            ctl.destroyForcibly().waitFor();
            try {
                for (ProcessHandle h : helpers) {
                    await("helper " + h.pid() + " of the killed sipwitchctl").atMost(Duration.ofSeconds(5))
                            .until(() -> !h.isAlive());
                }
            } finally {
                helpers.forEach(ProcessHandle::destroyForcibly); // a failed run leaves nothing either
            }
        }
    }
}
