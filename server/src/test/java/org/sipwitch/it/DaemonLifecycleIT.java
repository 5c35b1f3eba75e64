package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as an operator meets it: scripts/sipwitch, its options, pid file, signals. */
class DaemonLifecycleIT {

    @TempDir
    Path work;

    /**
     * As shipped the daemon warms up before its listeners read (the tests turn that off
     * elsewhere): a throwaway server takes REGISTER and call flows over each transport the
     * daemon listens on, then goes, leaving no registration, user or file of its own behind,
     * and one full collection settles the heap before the listeners read.
     */
    @Test
    void warmsUpThroughAThrowawayServerThatLeavesNothingBehind() throws Exception {
        Path tmp = java.nio.file.Files.createDirectories(work.resolve("tmp"));
        Path p12 = TestCertificates.serverKeystore(work);
        Path config = new TestConfig().user("alice", "201", "test-secret").transports("udp tcp tls")
                .stack(TestCertificates.stackXml(p12)).write(work);
        Path gcLog = work.resolve("gc.log");
        try (DaemonProcess daemon = DaemonProcess.start(List.of(), java.util.Map.of("SIPWITCH_WARMUP", "3",
                "SIPWITCH_EXTRA_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp + " -Xlog:gc:file=" + gcLog), config, work)) {
            String warm = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> daemon.stderr().stream().filter(l -> l.contains("warm-up before the listeners read:"))
                            .findFirst().orElse(null), java.util.Objects::nonNull);
            // flows, not their failures: a loaded machine may let one answer miss its second (WarmupTest counts those)
            assertThat(warm).containsPattern("[1-9][0-9]* REGISTER and [1-9][0-9]* call flows "
                    + "\\(udp [1-9][0-9]*, tcp [1-9][0-9]*, tls [1-9][0-9]*; [0-9]+ failed\\)");
            // what the daemon keeps is collected into the old generation before a phone comes (HeapSettling)
            assertThat(daemon.stderr()).anyMatch(l -> l.matches(".*heap settled after the warm-up: [1-9][0-9]* collection.*"));
            assertThat(Files.readString(gcLog)).contains("Pause Full (System.gc())");
            assertThat(daemon.stderr()).as("the log says where the daemon listens, not its throwaway servers")
                    .filteredOn(l -> l.contains("SIP listening on")).hasSize(1);
            Tools.Result registry = Tools.sipwitchctl(daemon, "registry");
            assertThat(registry.status()).isZero();
            assertThat(registry.out()).doesNotContain("w0").doesNotContain("warmup");
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("sipwitch-warmup-"));
            }
            try (var state = Files.walk(daemon.stateDir())) {
                for (Path f : state.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("warmup.invalid");
                }
            }
        }
    }

    @Test
    void startsWritesPidFileAndStopsCleanlyOnSigterm() throws Exception {
        Path config = new TestConfig().user("alice", "201", "test-secret").write(work);
        try (DaemonProcess daemon = DaemonProcess.start(config, work)) {
            Path pidFile = daemon.runDir().resolve("sipwitch.pid");
            assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(daemon.pid()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.runDir())))
                    .isEqualTo("rwxrwx---");
            assertThat(daemon.stdout()).anyMatch(l -> l.startsWith("sipwitch: listening on udp://127.0.0.1:"));
            assertThat(daemon.stdout()).anyMatch(l -> l.startsWith("sipwitch: listening on tcp://127.0.0.1:"));

            long t0 = System.nanoTime();
            int status = daemon.terminate(Duration.ofSeconds(10));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(status).isZero();
            assertThat(millis).as("stop time in ms").isLessThan(2000);
            assertThat(pidFile).doesNotExist();
        }
    }

    @Test
    void badConfigNamesFileAndLineAndExitsNonZero() throws Exception {
        Path config = work.resolve("broken.xml");
        Files.writeString(config, "<sipwitch>\n  <stack>\n    <port>50a60</port>\n  </stack>\n</sipwitch>\n",
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(DaemonProcess.script("sipwitch").toString(), "-c", config.toString(),
                "--run-dir", work.resolve("run").toString(), "--state-dir", work.resolve("state").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains(config + ":3:").contains("50a60");
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Process p = new ProcessBuilder(DaemonProcess.script("sipwitch").toString(), "--frobnicate")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("unknown option '--frobnicate'");
    }

    @Test
    void helpAndVersionPrintAndExitZero() throws Exception {
        for (String option : List.of("--help", "--version")) {
            Process p = new ProcessBuilder(DaemonProcess.script("sipwitch").toString(), option).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(out).contains("sipwitch");
        }
    }
}
