package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipwitchctl reload} end to end: a broken config is refused with file and line
 * and changes nothing; a good one that changes a user's secret keeps the call in
 * progress and every registration, and the next REGISTER is checked against the new
 * secret (the old one now fails).
 */
class ReloadKeepsStateIT {
    @TempDir
    Path work;
    DaemonProcess daemon;
    final List<Sipp.Phone> sipps = new ArrayList<>();
    /** alice only calls: her Contact is a port the test holds, so nobody else can take it. */
    DatagramSocket aliceContact;

    @AfterEach
    void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (aliceContact != null) {
            aliceContact.close();
        }
    }

    Sipp.Result register(String scenario, String user, String secret, int contactPort) throws Exception {
        return Sipp.register(daemon, work, scenario, user, secret, contactPort);
    }

    Sipp.Phone sipp(String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(daemon, work, name, scenario, 60, extra);
        sipps.add(p);
        return p;
    }

    Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    @Test
    void aGoodReloadKeepsCallsAndRegistrationsAndANewSecretTakesEffect() throws Exception {
        Sipp.assumeAvailable();
        TestConfig before = new TestConfig().user("alice", "201", "alice-old").user("bob", "202", "bob-secret");
        Path config = before.write(work);
        daemon = DaemonProcess.start(config, work);
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int alicePort = aliceContact.getLocalPort();
        Sipp.Phone bob = sipp("bob", "call-uas.xml");
        assertThat(register("register.xml", "alice", "alice-old", alicePort).passed()).isTrue();
        assertThat(register("register.xml", "bob", "bob-secret", bob.port()).passed()).isTrue();

        Sipp.Phone alice = sipp("alice", "call-uac-held.xml", "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));

        String good = Files.readString(config);
        Files.writeString(config, good.replace("<provision>", "<provision>\n<user id=\"broken\">"));
        Tools.Result broken = Tools.sipwitchctl(daemon, "reload");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(20);
        assertThat(broken.err()).contains(config + ":");
        assertThat(ctl("history").out()).contains("reload failed").contains(config + ":");
        assertThat(register("register.xml", "alice", "alice-old", alicePort).passed())
                .as("old config still in force")
                .isTrue();

        Files.writeString(config, new TestConfig().user("alice", "201", "alice-new").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").xml());
        ctl("reload");
        assertThat(ctl("dump").out()).contains("carol");
        assertThat(ctl("status").out()).as("the call survived the reload").contains("j");
        assertThat(ctl("calls").out()).contains("alice").contains("joined");
        assertThat(ctl("registry").out()).contains("alice").contains("bob");

        Sipp.Result stale = register("register-refused.xml", "alice", "alice-old", alicePort);
        assertThat(stale.passed()).as("the old secret is refused: " + stale.output()).isTrue();
        String policy = ctl("policy").out();
        assertThat(policy).as("counted, not blocked: 127.0.0.0/8 is trusted").containsPattern("counter +auth-failures [1-9]")
                .containsPattern("counter +allowed [1-9]").contains("guard").doesNotContainPattern("(?m)^blocked ");
        Sipp.Result fresh = register("register.xml", "alice", "alice-new", alicePort);
        assertThat(fresh.passed()).as("the new secret works: " + fresh.output()).isTrue();

        ctl("drop", "alice"); // the call carried over still ends properly: BYE to both phones
        alice.assertPassed();
        bob.assertPassed();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Tools.sipwitchctl(daemon, "status").out().contains("j"));
    }
}
