package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    final List<Sipp.Phone> sipps = new ArrayList<>();
    final List<DatagramSocket> contacts = new ArrayList<>();

    @BeforeAll
    static void sippIsThere() {
        Sipp.assumeAvailable();
    }

    @AfterEach
    void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
        for (DatagramSocket s : contacts) {
            s.close();
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

    /** A caller registers from a port the test holds; its calls carry their own Contact. */
    private void registerCaller(String user) throws Exception {
        DatagramSocket contact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        contacts.add(contact);
        Sipp.registerOk(daemon, work, user, user + "-secret", contact.getLocalPort());
    }

    /** A called phone: sipp bound and waiting, then registered at the port it bound. */
    private Sipp.Phone callee(String user, String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = sipp(name, scenario, extra);
        Sipp.registerOk(daemon, work, user, user + "-secret", p.port());
        return p;
    }

    private Sipp.Phone sipp(String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(daemon, work, name, scenario, 30, extra);
        sipps.add(p);
        return p;
    }

    private Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    /** The daemon's log, as it comes (its pipe may be read a moment after the process ended). */
    private void awaitLog(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("\n", daemon.stderr()).contains(text));
    }

    /** alice (201) calls bob (202), who answers: waits until the call is joined. */
    private Sipp.Phone[] answeredCall(Sipp.Phone bob) throws Exception {
        Sipp.Phone alice = sipp("alice", "call-uac-held.xml", "-s", "202");
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no joined call; alice:\n" + alice.output() + "\nbob:\n" + bob.output()
                    + "\ndaemon:\n" + String.join("\n", daemon.stderr()), e);
        }
        return new Sipp.Phone[] {alice, bob};
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
        registerCaller("alice");
        registerCaller("carol");
        Sipp.Phone bob = callee("bob", "bob", "call-uas.xml");
        Sipp.Phone dave = callee("dave", "dave", "call-uas-ringing.xml");
        Sipp.Phone[] answered = answeredCall(bob);
        Sipp.Phone carol = sipp("carol", "call-uac-ringing.xml", "-s", "204", "-key", "caller", "carol");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("r"));
        assertThat(systemCurrent()).isEqualTo(2);
        int before = sequences(ctl("calls").out()).stream().max(Integer::compare).orElseThrow();

        ctl("restart");

        answered[0].assertPassed();
        answered[1].assertPassed();
        carol.assertPassed();
        dave.assertPassed();
        assertThat(systemCurrent()).isZero();
        assertThat(ctl("calls").out()).contains("0 active calls");

        // bob's phone comes back on the port it had: his registration survived the restart
        Sipp.Phone bobAgain = sipp("bob-again", "call-uas.xml", "-p", Integer.toString(bob.port()));
        Sipp.Phone[] again = answeredCall(bobAgain);
        assertThat(sequences(ctl("calls").out())).singleElement().satisfies(n -> assertThat(n).isGreaterThan(before));
        ctl("drop", "alice");
        again[0].assertPassed();
        again[1].assertPassed();
    }

    @Test
    void downEndsTheCallOnBothLegs() throws Exception {
        start();
        registerCaller("alice");
        Sipp.Phone[] call = answeredCall(callee("bob", "bob", "call-uas.xml"));
        ctl("down");
        call[0].assertPassed();
        call[1].assertPassed();
        assertThat(daemon.waitFor(Duration.ofSeconds(15))).isZero();
        awaitLog("ending 1 call(s) for shutdown");
    }

    @Test
    void sigtermEndsTheCallOnBothLegs() throws Exception {
        start();
        registerCaller("alice");
        Sipp.Phone[] call = answeredCall(callee("bob", "bob", "call-uas.xml"));
        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(15))).isZero();
        call[0].assertPassed();
        call[1].assertPassed();
        awaitLog("ending 1 call(s) for shutdown");
    }
}
