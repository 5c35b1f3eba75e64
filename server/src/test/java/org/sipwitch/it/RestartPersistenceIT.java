package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registrations survive a crash: phones register with sipp, the daemon is killed with
 * SIGKILL (no shutdown hook, no final snapshot: only the journal), a damaged line is
 * added to the journal for good measure, and the daemon restarted on the same state
 * directory lists the bindings and reaches the phones (a MESSAGE and a call) without
 * them registering again.
 */
class RestartPersistenceIT {
    @TempDir
    Path work;
    final List<DaemonProcess> daemons = new ArrayList<>();
    final List<Process> sipps = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : sipps) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (DaemonProcess d : daemons) {
            d.close();
        }
    }

    DaemonProcess start(Path config) throws Exception {
        DaemonProcess d = DaemonProcess.start(config, work);
        daemons.add(d);
        return d;
    }

    void register(DaemonProcess d, String user, String secret, int port) throws Exception {
        Sipp.Result r = Sipp.phone(d, work, "register.xml", user, secret, port);
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    Process sipp(DaemonProcess d, String name, String scenario, int port, String... extra) throws IOException {
        Process p = Sipp.background(d, work, name, scenario, port, 30, extra);
        sipps.add(p);
        return p;
    }

    void assertPassed(Process p, String name) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void bindingsComeBackAfterKillDashNineAndPhonesAreReachedWithoutRegisteringAgain() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .write(work);
        int alicePort = Sipp.freeUdpPort();
        int bobPort = Sipp.freeUdpPort();
        DaemonProcess first = start(config);
        register(first, "alice", "alice-secret", alicePort);
        register(first, "bob", "bob-secret", bobPort);
        assertThat(Tools.sipwitchctl(first, "registry").out()).contains("alice").contains("bob");

        Process kill = new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
        assertThat(first.waitFor(Duration.ofSeconds(10))).isEqualTo(137);
        Path journal = first.stateDir().resolve("registrations.journal");
        assertThat(journal).exists();
        Files.writeString(journal, "deadbeef\tA\tthis line was damaged\n", StandardOpenOption.APPEND);

        DaemonProcess second = start(config);
        assertThat(second.stderr()).anyMatch(l -> l.contains(journal + ":") && l.contains("line skipped"))
                .anyMatch(l -> l.contains("2 restored"));
        String registry = Tools.sipwitchctl(second, "registry").out();
        assertThat(registry).contains("alice").contains("bob");

        Process bob = sipp(second, "bob-message", "message-uas.xml", bobPort);
        Thread.sleep(300); // let sipp bind its port before the server sends
        Tools.Result sent = Tools.sipwitchctl(second, "message", "202", "hello from the operator, still there after a crash");
        assertThat(sent.status()).as(sent.toString()).isZero();
        assertPassed(bob, "bob-message");

        Process callee = sipp(second, "bob-call", "call-uas.xml", bobPort);
        Process caller = sipp(second, "alice-call", "call-uac.xml", alicePort, "-s", "202");
        assertPassed(caller, "alice-call");
        assertPassed(callee, "bob-call");
    }
}
