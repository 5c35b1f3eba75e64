package org.sipwitch.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code sipwitch.deb} on this machine, as an administrator would use it:
 * {@code dpkg -i}, the tool from its installed path, the daemon from the installed
 * launcher on the installed configuration as the installed user (not via systemd,
 * which a CI container does not run), then {@code dpkg -r}, which must keep
 * {@code /etc/sipwitch} and {@code /var/lib/sipwitch}. Needs root and dpkg (CI has
 * both); purges the package at the end so the machine is left as found.
 */
class DebianPackageIT {

    private static final Path DEB = Path.of(System.getProperty("sipwitch.deb", "target/sipwitch.deb"));

    @TempDir
    static Path work;

    record Result(int status, String out) {
    }

    @BeforeAll
    static void requireRootAndDpkg() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "installing a Debian package needs root; run as root (CI does) to test the package");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "no dpkg: not a Debian system");
        assumeTrue(run("dpkg-query", "-W", "-f=${Status}", "sipwitch").out().isEmpty()
                        || !run("dpkg-query", "-W", "-f=${Status}", "sipwitch").out().contains("installed"),
                "a sipwitch package is already installed on this machine; the test will not replace it");
        assertThat(DEB).exists();
    }

    @AfterAll
    static void purge() throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/dpkg")) && "root".equals(System.getProperty("user.name"))) {
            run("dpkg", "-P", "sipwitch");
        }
    }

    @Test
    void installRunRemove() throws Exception {
        Result install = run("dpkg", "-i", DEB.toAbsolutePath().toString());
        assertThat(install.status()).as(install.out()).isZero();

        assertThat(run("getent", "passwd", "sipwitch").out()).contains("/var/lib/sipwitch");
        Result version = run("/usr/bin/sipwitchctl", "--version");
        assertThat(version.status()).as(version.out()).isZero();
        // a real version number: the installed tool has no source tree around it to read one from
        assertThat(version.out()).matches("sipwitchctl \\d+\\.\\d+\\.\\d+\\S*\n");
        assertThat(Path.of("/usr/share/man/man1/sipwitchctl.1")).exists();
        assertThat(run("dpkg-query", "-W", "-f=${Conffiles}", "sipwitch").out()).contains("/etc/sipwitch/sipwitch.xml");
        String unit = Files.readString(Path.of("/lib/systemd/system/sipwitch.service"));
        assertThat(unit).contains("User=sipwitch", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                "RuntimeDirectory=sipwitch", "--state-dir /var/lib/sipwitch", "ExecReload=/bin/kill -HUP $MAINPID",
                "StandardError=journal");
        assertThat(Files.getOwner(Path.of("/var/lib/sipwitch")).getName()).isEqualTo("sipwitch");

        // the daemon from the installed launcher, on the installed config, as the installed user;
        // its own run directory (systemd would make /run/sipwitch)
        Path runDir = Files.createDirectories(work.resolve("run"));
        run("chown", "-R", "sipwitch:sipwitch", work.toString());
        run("chmod", "755", work.toString());   // only our own directory: never touch /tmp itself
        Process daemon = new ProcessBuilder("runuser", "-u", "sipwitch", "--", "/usr/sbin/sipwitch",
                "--run-dir", runDir.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("sipwitch: ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the daemon is gone
            }
        });
        pump.setDaemon(true);
        pump.start();
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("daemon ready; output:\n%s", output).isTrue();
            synchronized (output) {
                assertThat(output).anyMatch(l -> l.contains("listening on udp://127.0.0.1:5060"))
                        .anyMatch(l -> l.contains("listening on http://127.0.0.1:9095/metrics"));
            }
            // the installed tool reaches it, run by the daemon's user (/var/tmp: a reply root every user may write)
            Result status = run("runuser", "-u", "sipwitch", "--", "env", "SIPWITCH_RUNDIR=" + runDir, "TMPDIR=/var/tmp",
                    "/usr/bin/sipwitchctl", "--json", "stats");
            assertThat(status.status()).as(status.out()).isZero();
            assertThat(status.out()).contains("\"name\":\"system\"");
            // and by root, as an administrator runs it (sudo sipwitchctl ...)
            Result asRoot = run("env", "SIPWITCH_RUNDIR=" + runDir, "TMPDIR=/var/tmp", "/usr/bin/sipwitchctl", "status");
            assertThat(asRoot.status()).as(asRoot.out()).isZero();
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        Result remove = run("dpkg", "-r", "sipwitch");
        assertThat(remove.status()).as(remove.out()).isZero();
        assertThat(Path.of("/usr/sbin/sipwitch")).doesNotExist();
        assertThat(Path.of("/usr/bin/sipwitchctl")).doesNotExist();
        assertThat(Path.of("/usr/share/sipwitch/sipwitch.jar")).doesNotExist();
        assertThat(Path.of("/etc/sipwitch/sipwitch.xml")).as("remove keeps the configuration").exists();
        assertThat(Path.of("/var/lib/sipwitch")).as("remove keeps the state").isDirectory();
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deb-it", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
