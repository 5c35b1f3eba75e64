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
    /** alice only calls: her Contact is a port the test holds, so nobody else can take it. */
    static DatagramSocket aliceContact;
    final List<Sipp.Phone> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").write(work);
        daemon = DaemonProcess.start(config, work);
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Sipp.registerOk(daemon, work, "alice", "alice-secret", aliceContact.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (aliceContact != null) {
            aliceContact.close();
        }
    }

    @AfterEach
    void stopSipps() throws InterruptedException {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
    }

    /** A sipp running one call of a scenario in the background, bound and ready to receive. */
    Sipp.Phone sipp(String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(daemon, work, name, scenario, 30, extra);
        sipps.add(p);
        return p;
    }

    static Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    @Test
    void callIsListedCountedAndDroppedByTheOperator() throws Exception {
        Sipp.Phone bob = sipp("bob", "call-uas.xml");
        Sipp.registerOk(daemon, work, "bob", "bob-secret", bob.port());
        Sipp.Phone alice = sipp("alice", "call-uac-held.xml", "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));
        String calls = ctl("calls").out();
        assertThat(calls).contains("alice").contains("202").contains("joined");
        String stats = ctl("stats").out();
        assertThat(stats).contains("alice").contains("bob").contains("system");

        ctl("drop", "alice");
        alice.assertPassed();
        bob.assertPassed();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Tools.sipwitchctl(daemon, "status").out().contains("j"));
        assertThat(ctl("calls").out()).doesNotContain("alice");
    }

    @Test
    void messageVerbReachesTheRegisteredPhone() throws Exception {
        Sipp.Phone carol = sipp("carol-message", "message-uas.xml"); // bound: what is sent now arrives
        Sipp.registerOk(daemon, work, "carol", "carol-secret", carol.port());
        ctl("message", "203", "hello from the operator");
        carol.assertPassed();
    }

    @Test
    void anActivatedDoorPhoneWithoutAccountIsCalled() throws Exception {
        Sipp.Phone door = sipp("door", "call-uas.xml"); // bound: a call to its port arrives
        // 299 is no user of the config, but inside the extension range 200..299
        ctl("activate", "299", "127.0.0.1:" + door.port());
        assertThat(ctl("registry").out()).containsPattern("299 +299 .*static .*sip:299@127\\.0\\.0\\.1:" + door.port());
        Sipp.Phone alice = sipp("alice-door", "call-uac.xml", "-s", "299");
        alice.assertPassed();
        door.assertPassed();
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
