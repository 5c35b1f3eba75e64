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
    final List<Process> sipps = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : sipps) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    Sipp.Result register(String scenario, String user, String secret, int port) throws Exception {
        return Sipp.phone(daemon, work, scenario, user, secret, port);
    }

    Process sipp(String name, String scenario, int port, String... extra) throws IOException {
        Process p = Sipp.background(daemon, work, name, scenario, port, 60, extra);
        sipps.add(p);
        return p;
    }

    void assertPassed(Process p, String name) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8)).isZero();
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
        int alicePort = Sipp.freeUdpPort();
        int bobPort = Sipp.freeUdpPort();
        assertThat(register("register.xml", "alice", "alice-old", alicePort).passed()).isTrue();
        assertThat(register("register.xml", "bob", "bob-secret", bobPort).passed()).isTrue();

        Process bob = sipp("bob", "call-uas.xml", bobPort);
        Process alice = sipp("alice", "call-uac-held.xml", alicePort, "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> Tools.sipwitchctl(daemon, "status").out().contains("j"));

        String good = Files.readString(config);
        Files.writeString(config, good.replace("<provision>", "<provision>\n<user id=\"broken\">"));
        Tools.Result broken = Tools.sipwitchctl(daemon, "reload");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(20);
        assertThat(broken.err()).contains(config + ":");
        assertThat(ctl("history").out()).contains("reload failed").contains(config + ":");
        assertThat(register("register.xml", "alice", "alice-old", Sipp.freeUdpPort()).passed())
                .as("old config still in force")
                .isTrue();

        Files.writeString(config, new TestConfig().user("alice", "201", "alice-new").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").xml());
        ctl("reload");
        assertThat(ctl("dump").out()).contains("carol");
        assertThat(ctl("status").out()).as("the call survived the reload").contains("j");
        assertThat(ctl("calls").out()).contains("alice").contains("joined");
        assertThat(ctl("registry").out()).contains("alice").contains("bob");

        Sipp.Result stale = register("register-refused.xml", "alice", "alice-old", Sipp.freeUdpPort());
        assertThat(stale.passed()).as("the old secret is refused: " + stale.output()).isTrue();
        String policy = ctl("policy").out();
        assertThat(policy).as("counted, not blocked: 127.0.0.0/8 is trusted").containsPattern("counter +auth-failures [1-9]")
                .containsPattern("counter +allowed [1-9]").contains("guard").doesNotContainPattern("(?m)^blocked ");
        Sipp.Result fresh = register("register.xml", "alice", "alice-new", Sipp.freeUdpPort());
        assertThat(fresh.passed()).as("the new secret works: " + fresh.output()).isTrue();

        ctl("drop", "alice"); // the call carried over still ends properly: BYE to both phones
        assertPassed(alice, "alice");
        assertPassed(bob, "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Tools.sipwitchctl(daemon, "status").out().contains("j"));
    }
}
