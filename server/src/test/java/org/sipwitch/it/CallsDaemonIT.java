package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls through the real daemon, watched and ended by the real sipwitchctl: sipp
 * phones register (digest), alice calls bob, {@code calls}, {@code status} and
 * {@code stats} show the call, {@code drop} ends it with BYE to both phones, and
 * {@code message} reaches a registered phone from the system identity.
 */
class CallsDaemonIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static int alicePort;
    static int bobPort;
    final List<Process> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .write(work);
        daemon = DaemonProcess.start(config, work);
        alicePort = Sipp.freeUdpPort();
        bobPort = Sipp.freeUdpPort();
        register("alice", "alice-secret", alicePort);
        register("bob", "bob-secret", bobPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void stopSipps() throws InterruptedException {
        for (Process p : sipps) {
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static String target() {
        return "127.0.0.1:" + daemon.port("udp");
    }

    static void register(String user, String secret, int port) throws Exception {
        Sipp.Result r = Sipp.phone(daemon, work, "register.xml", user, secret, port);
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    /** A sipp running one call of a scenario in the background; its output goes to a file. */
    Process sipp(String name, String scenario, int port, String... extra) throws IOException {
        Process p = Sipp.background(daemon, work, name, scenario, port, 30, extra);
        sipps.add(p);
        return p;
    }

    static void assertPassed(Process p, String name) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8)).isZero();
    }

    static Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    @Test
    void callIsListedCountedAndDroppedByTheOperator() throws Exception {
        Process bob = sipp("bob", "call-uas.xml", bobPort);
        Process alice = sipp("alice", "call-uac-held.xml", alicePort, "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));
        String calls = ctl("calls").out();
        assertThat(calls).contains("alice").contains("202").contains("joined");
        String stats = ctl("stats").out();
        assertThat(stats).contains("alice").contains("bob").contains("system");

        ctl("drop", "alice");
        assertPassed(alice, "alice");
        assertPassed(bob, "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Tools.sipwitchctl(daemon, "status").out().contains("j"));
        assertThat(ctl("calls").out()).doesNotContain("alice");
    }

    @Test
    void messageVerbReachesTheRegisteredPhone() throws Exception {
        Process bob = sipp("bob-message", "message-uas.xml", bobPort);
        Thread.sleep(300); // let sipp bind its port before the server sends
        ctl("message", "202", "hello from the operator");
        assertPassed(bob, "bob-message");
    }

    @Test
    void anActivatedDoorPhoneWithoutAccountIsCalled() throws Exception {
        int doorPort = Sipp.freeUdpPort();
        // 299 is no user of the config, but inside the extension range 200..299
        ctl("activate", "299", "127.0.0.1:" + doorPort);
        assertThat(ctl("registry").out()).containsPattern("299 +299 .*static .*sip:299@127\\.0\\.0\\.1:" + doorPort);
        Process door = sipp("door", "call-uas.xml", doorPort);
        Process alice = sipp("alice-door", "call-uac.xml", alicePort, "-s", "299");
        assertPassed(alice, "alice-door");
        assertPassed(door, "door");
        assertThat(ctl("release", "299").out()).contains("1");
    }

    @Test
    void activateRefusesWhatCannotBeReached() throws Exception {
        for (var bad : List.of(List.of("299", "0.0.0.0", "wildcard"), List.of("299", "0.0.0.0:5099", "wildcard"),
                List.of("299", "[::1]:5099", "does not listen on IPv6"), List.of("299", "224.0.1.75", "multicast"),
                List.of("300", "127.0.0.1:5099", "not in the extension range 200-299"))) {
            Tools.Result r = Tools.sipwitchctl(daemon, "activate", bad.get(0), bad.get(1));
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(20);
            assertThat(r.err()).as(bad.toString()).contains(bad.get(2));
        }
        assertThat(ctl("registry").out()).doesNotContain("299");
    }
}
