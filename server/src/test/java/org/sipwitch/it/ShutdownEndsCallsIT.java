package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator stops or restarts the real daemon while sipp phones are in calls: every
 * phone hears the end of its call (BYE on both legs of an answered call; 487 to the
 * caller and CANCEL to the callee of a ringing one), the statistics end the calls, and
 * call ids go on increasing after an in-process restart.
 */
class ShutdownEndsCallsIT {
    private static final Pattern CALL_ID = Pattern.compile("(?m)^([0-9a-f]{8}):\\d+ ");

    @TempDir
    Path work;
    DaemonProcess daemon;
    final List<Process> sipps = new ArrayList<>();

    @BeforeAll
    static void sippIsThere() {
        Sipp.assumeAvailable();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : sipps) {
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start() throws Exception {
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").user("dave", "204", "dave-secret")
                .section("<timers><shutdown>5</shutdown></timers>\n").write(work);
        daemon = DaemonProcess.start(config, work);
    }

    private int register(String user) throws Exception {
        int port = Sipp.freeUdpPort();
        Sipp.Result r = Sipp.phone(daemon, work, "register.xml", user, user + "-secret", port);
        assertThat(r.passed()).as(r.output()).isTrue();
        return port;
    }

    private Process sipp(String name, String scenario, int port, String... extra) throws Exception {
        Process p = Sipp.background(daemon, work, name, scenario, port, 30, extra);
        sipps.add(p);
        return p;
    }

    private void assertPassed(Process p, String name) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        assertThat(p.exitValue()).as(name + ": " + output(name)).isZero();
    }

    private String output(String name) throws Exception {
        Path file = work.resolve(name + ".out");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no output)";
    }

    /** The daemon's log, as it comes (its pipe may be read a moment after the process ended). */
    private void awaitLog(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("\n", daemon.stderr()).contains(text));
    }

    private Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    /** alice (201) calls bob (202), who answers: waits until the call is joined. */
    private Process[] answeredCall(int alicePort, int bobPort) throws Exception {
        Process bob = sipp("bob", "call-uas.xml", bobPort);
        Process alice = sipp("alice", "call-uac-held.xml", alicePort, "-s", "202");
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no joined call; alice:\n" + output("alice") + "\nbob:\n" + output("bob")
                    + "\ndaemon:\n" + String.join("\n", daemon.stderr()), e);
        }
        return new Process[] {alice, bob};
    }

    /** The "system" line of {@code stats}: NAME IN OUT CURRENT PEAK LAST-CALL. */
    private long systemCurrent() throws Exception {
        for (String line : ctl("stats").out().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols[0].equals("system")) {
                return Long.parseLong(cols[3]);
            }
        }
        throw new AssertionError("no system line in stats");
    }

    private static List<Integer> sequences(String calls) {
        List<Integer> out = new ArrayList<>();
        Matcher m = CALL_ID.matcher(calls);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1), 16));
        }
        return out;
    }

    @Test
    void restartEndsAnsweredAndRingingCallsAndNumberingGoesOn() throws Exception {
        start();
        int alicePort = register("alice");
        int bobPort = register("bob");
        int carolPort = register("carol");
        int davePort = register("dave");
        Process[] answered = answeredCall(alicePort, bobPort);
        Process dave = sipp("dave", "call-uas-ringing.xml", davePort);
        Process carol = sipp("carol", "call-uac-ringing.xml", carolPort, "-s", "204", "-key", "caller", "carol");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("r"));
        assertThat(systemCurrent()).isEqualTo(2);
        int before = sequences(ctl("calls").out()).stream().max(Integer::compare).orElseThrow();

        ctl("restart");

        assertPassed(answered[0], "alice");
        assertPassed(answered[1], "bob");
        assertPassed(carol, "carol");
        assertPassed(dave, "dave");
        assertThat(systemCurrent()).isZero();
        assertThat(ctl("calls").out()).contains("0 active calls");

        Process[] again = answeredCall(alicePort, bobPort);
        assertThat(sequences(ctl("calls").out())).singleElement().satisfies(n -> assertThat(n).isGreaterThan(before));
        ctl("drop", "alice");
        assertPassed(again[0], "alice");
        assertPassed(again[1], "bob");
    }

    @Test
    void downEndsTheCallOnBothLegs() throws Exception {
        start();
        Process[] call = answeredCall(register("alice"), register("bob"));
        ctl("down");
        assertPassed(call[0], "alice");
        assertPassed(call[1], "bob");
        assertThat(daemon.waitFor(Duration.ofSeconds(15))).isZero();
        awaitLog("ending 1 call(s) for shutdown");
    }

    @Test
    void sigtermEndsTheCallOnBothLegs() throws Exception {
        start();
        Process[] call = answeredCall(register("alice"), register("bob"));
        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(15))).isZero();
        assertPassed(call[0], "alice");
        assertPassed(call[1], "bob");
        awaitLog("ending 1 call(s) for shutdown");
    }
}
