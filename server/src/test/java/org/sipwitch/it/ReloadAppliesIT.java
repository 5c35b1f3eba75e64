package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator changes reaches the running daemon: SIGHUP reloads like the verb;
 * a new {@code <nonce-lifetime>} makes an old nonce stale without a restart; what only
 * a restart applies is named; live values obey the file's rules; setting verbs read
 * their value back. The real daemon, the real sipwitchctl, a phone on a TCP socket.
 */
class ReloadAppliesIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static Path config;
    static String original;

    @BeforeAll
    static void start() throws Exception {
        config = new TestConfig().user("alice", "201", "alice-secret").write(work);
        original = Files.readString(config);
        daemon = DaemonProcess.start(config, work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    /** The test config with {@code extra} added inside {@code <registry>} and {@code stack} inside {@code <stack>}. */
    static void rewrite(String registry, String stack) throws Exception {
        Files.writeString(config, original.replace("</registry>", registry + "</registry>")
                .replace("</stack>", stack + "</stack>"));
    }

    @Test
    void sighupReloadsTheConfiguration() throws Exception {
        rewrite("<max-bindings>3</max-bindings>", "");
        daemon.signal("HUP");
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Tools.sipwitchctl(daemon, "dump").out().contains("registry.max-bindings = 3\n"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("SIGHUP did not reload; dump:\n" + Tools.sipwitchctl(daemon, "dump").out()
                    + "\ndaemon:\n" + String.join("\n", daemon.stderr()), e);
        }
        assertThat(daemon.isAlive()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> String.join("\n", daemon.stderr())
                .contains("registry.max-bindings: applied"));
        rewrite("", "");
        ctl("reload");
    }

    @Test
    void aShorterNonceLifetimeMakesAnOldNonceStaleWithoutRestart() throws Exception {
        try (StreamPhone alice = new StreamPhone("alice", "alice-secret",
                new Socket("127.0.0.1", daemon.port("tcp")), "TCP")) {
            String challenge = alice.challenge(600);
            AtomicInteger nc = new AtomicInteger(1);
            assertThat(alice.registerAnswering(challenge, nc.getAndIncrement(), 600).status()).isEqualTo(200);

            rewrite("<nonce-lifetime>5</nonce-lifetime>", "<mapped>50</mapped>");
            Tools.Result reload = ctl("reload");
            assertThat(reload.out()).contains("registry.nonce-lifetime: applied\n")
                    .contains("stack.mapped: needs restart\n");
            assertThat(ctl("dump").out()).contains("registry.nonce-lifetime = 5\n")
                    .contains("stack.mapped = 200  [the files say 50: needs restart]");

            // the same nonce, five seconds after it was issued: stale now, though 300 s were promised
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
                StreamPhone.Msg r = alice.registerAnswering(challenge, nc.getAndIncrement(), 600);
                return r.status() == 401 && r.header("WWW-Authenticate").contains("stale=true");
            });
        } finally {
            rewrite("", "");
            ctl("reload");
        }
    }

    @Test
    void liveValuesAreCheckedAsInTheFile() throws Exception {
        Tools.Result spaced = Tools.sipwitchctl(daemon, "realm", "a b");
        assertThat(spaced.status()).as(spaced.toString()).isEqualTo(20);
        assertThat(spaced.err()).contains("without quotes, backslashes or spaces");
        assertThat(ctl("realm").out()).isEqualTo("test md5\n");
        assertThat(Tools.sipwitchctl(daemon, "concurrency", "257").status()).isEqualTo(1);
    }

    @Test
    void settingVerbsReadBackWhatIsInForce() throws Exception {
        ctl("concurrency", "3");
        assertThat(ctl("concurrency").out()).isEqualTo("3\n");
        assertThat(ctl("dump").out()).contains("stack.concurrency = 3  [set live; the files say ");
        ctl("verbose", "4");
        assertThat(ctl("verbose").out()).isEqualTo("4\n");
        ctl("verbose", "2");
        ctl("state", "night");
        assertThat(ctl("state").out()).isEqualTo("night\n");
        ctl("state", "up");
        assertThat(ctl("period").out()).matches("\\d+\n");
        Tools.Result period = ctl("period", "7");
        assertThat(period.out()).startsWith("NAME").contains("PERIOD-START").contains("system");
        assertThat(ctl("period").out()).isEqualTo("7\n");
        ctl("reload");
        assertThat(ctl("dump").out()).doesNotContain("[set live");
    }
}
