package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * them registering again. The two phones that are reached are sipp processes started
 * before they register and running through the crash: their Contact ports stay theirs.
 */
class RestartPersistenceIT {
    @TempDir
    Path work;
    final List<DaemonProcess> daemons = new ArrayList<>();
    final List<Sipp.Phone> sipps = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
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

    Sipp.Phone sipp(DaemonProcess d, String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(d, work, name, scenario, 60, extra);
        sipps.add(p);
        return p;
    }

    @Test
    void bindingsComeBackAfterKillDashNineAndPhonesAreReachedWithoutRegisteringAgain() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .write(work);
        DaemonProcess first = start(config);
        // alice's phone takes the MESSAGE, bob's the call: both wait from before the crash
        Sipp.Phone alicePhone = sipp(first, "alice-message", "message-uas.xml");
        Sipp.Phone bobPhone = sipp(first, "bob-call", "call-uas.xml");
        Sipp.registerOk(first, work, "alice", "alice-secret", alicePhone.port());
        Sipp.registerOk(first, work, "bob", "bob-secret", bobPhone.port());
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

        Tools.Result sent = Tools.sipwitchctl(second, "message", "201", "hello from the operator, still there after a crash");
        assertThat(sent.status()).as(sent.toString()).isZero();
        alicePhone.assertPassed();

        Sipp.Phone caller = sipp(second, "alice-call", "call-uac.xml", "-s", "202");
        caller.assertPassed();
        bobPhone.assertPassed();
    }
}
