package org.sipwitch.control;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipwitch.mbeans.SipwitchNotifications;
import org.slf4j.LoggerFactory;

/** The real scripts/sipwitchctl against the real FifoBridge over in-memory MXBeans, in dash and bash. */
class SipwitchctlTest extends RealBridgeTest {

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void readingVerbsPrintAlignedText(String shell) throws Exception {
        Sipwitchctl ctl = ctl(shell);
        var registry = ctl.run("registry");
        assertThat(registry.exit()).as(registry.err()).isZero();
        assertThat(registry.out().lines().toList()).hasSize(5)
                .first().asString().matches("EXT +USER +DISPLAY +TYPE +TRANSPORT +EXPIRES +CONTACT");
        assertThat(registry.out()).contains("201  alice  Alice").contains("3 registrations of 2 users");
        assertThat(ctl.run("calls").out()).contains("0000002a:2").contains("0:01:15").contains("1 active call");
        assertThat(ctl.run("stats").out()).startsWith("NAME").contains("alice ");
        assertThat(ctl.run("pstats").out()).startsWith("NAME").contains("PERIOD-START").contains("MIN");
        assertThat(ctl.run("status").out()).isEqualTo("j.......\n");
        assertThat(ctl.run("usercache").out()).contains("192.0.2.10").contains("1 cached user");
        assertThat(ctl.run("contact").out()).isEqualTo("sip:192.0.2.1:5060\n");
        assertThat(ctl.run("policy").out()).startsWith("published 192.0.2.1:5060\n").contains("trusted", "127.0.0.0/8");
        assertThat(ctl.run("dump").out()).contains("<realm>example.net</realm>");
        assertThat(ctl.run("realm").out()).isEqualTo("example.net md5\n");
        assertThat(ctl.run("history").out()).contains("WARN registrar: bad nonce");
        assertThat(ctl.run("check").out()).contains("ok   deadlocks: none");
        assertThat(ctl.run("snapshot").out()).isEqualTo("/var/lib/sipwitch/snapshot-1.txt\n");
        assertThat(ctl.run("help").out()).contains("trace on|off|clear").contains("digest userid [realm [type]]");
        String version = SipwitchVersion.get();
        assertThat(version).as("the pom's, filtered in by the build").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ctl.run("version").out()).isEqualTo("sipwitchctl " + version + "\nsipwitch " + version + "\n");
        assertThat(ctl.run("--version").out()).isEqualTo("sipwitchctl " + version + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void changingVerbsReachTheMBeans(String shell) throws Exception {
        Sipwitchctl ctl = ctl(shell);
        assertThat(ctl.run("concurrency", "4").exit()).isZero();
        assertThat(ctl.run("verbose", "7").exit()).isZero();
        assertThat(ctl.run("period", "15").exit()).isZero();
        assertThat(ctl.run("state", "night").exit()).isZero();
        assertThat(ctl.run("history", "50").out()).isEqualTo("history size 50\n");
        assertThat(ctl.run("realm", "other.net", "sha-256").out()).isEqualTo("other.net sha-256\n");
        assertThat(List.of(daemon.concurrency, daemon.verbose, daemon.period, daemon.historySize))
                .containsExactly(4, 7, 15, 50);
        assertThat(daemon.state).isEqualTo("night");

        assertThat(ctl.run("trace", "on").exit()).isZero();
        assertThat(daemon.tracing).isTrue();
        assertThat(ctl.run("siplog").out()).contains("--- ").contains(" in udp 192.0.2.10:5060\nREGISTER sip:");
        assertThat(ctl.run("trace", "clear").exit()).isZero();
        assertThat(ctl.run("trace", "off").exit()).isZero();

        assertThat(ctl.run("activate", "300", "192.0.2.30").exit()).isZero();
        assertThat(ctl.run("registry").out()).contains("static").contains("never");
        assertThat(ctl.run("release", "202").out()).isEqualTo("released 1 registration(s) of 202\n");
        assertThat(ctl.run("drop", "0000002a:2").out()).isEqualTo("dropped 1 call(s) of 0000002a:2\n");
        assertThat(ctl.run("message", "201", "hello there, Alice").out()).isEqualTo("sent to 2 contact(s) of 201\n");
        assertThat(ctl.run("disable", "night").exit()).isZero();
        assertThat(ctl.run("enable", "gateway", "night").exit()).isZero();
        assertThat(daemon.enabled).containsExactly("gateway", "night");
        for (String verb : List.of("grant", "ifdown", "ifup")) {
            assertThat(ctl.run(verb, "x0").exit()).isZero();
        }
        for (String verb : List.of("reload", "restart", "down", "abort")) {
            assertThat(ctl.run(verb).exit()).isZero();
        }
        assertThat(daemon.log).containsExactly("message 201 hello there, Alice", "grant x0", "ifdown x0", "ifup x0",
                "reload", "restart", "down", "abort");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void settingVerbsWithoutArgumentReadTheValueBack(String shell) throws Exception {
        Sipwitchctl ctl = ctl(shell);
        assertThat(ctl.run("concurrency", "6").out()).isEmpty();
        assertThat(ctl.run("concurrency").out()).isEqualTo("6\n");
        assertThat(ctl.run("verbose", "3").exit()).isZero();
        assertThat(ctl.run("verbose").out()).isEqualTo("3\n");
        assertThat(ctl.run("state", "night").exit()).isZero();
        assertThat(ctl.run("state").out()).isEqualTo("night\n");
        var period = ctl.run("period", "10");
        assertThat(period.out()).as("period N prints the figures of the period it closed")
                .startsWith("NAME").contains("PERIOD-START").contains("alice");
        assertThat(ctl.run("period").out()).isEqualTo("10\n");
        assertThat(ctl.run("reload").out()).isEqualTo("registry.nonce-lifetime: applied\nstack.port: needs restart\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void digestIsComputedLocallyWithTheDaemonsRealm(String shell) throws Exception {
        var r = ctl(shell).runWithInput("s3cret\n", "digest", "alice");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(hex("MD5", "alice:example.net:s3cret") + "\n");
        var sha = ctl(shell).runWithInput("s3cret\n", "digest", "alice", "other.org", "sha-256");
        assertThat(sha.out()).isEqualTo(hex("SHA-256", "alice:other.org:s3cret") + "\n");
        assertThat(ctl(shell).run("digest", "alice", "r", "sha1").exit()).isEqualTo(1);
        try (var dirs = Files.list(tmp)) {
            assertThat(dirs).as("digest's private directory (with the realm it asked for) is removed").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aTimeoutThatIsNoNumberIsAUsageError(String shell) throws Exception {
        for (String bad : List.of("abc", "0", "-5", "1.5", "99999999999")) {
            var r = ctl(shell).env("SIPWITCHCTL_TIMEOUT", bad).run("status");
            assertThat(r.exit()).as("SIPWITCHCTL_TIMEOUT=" + bad).isEqualTo(1);
            assertThat(r.err()).contains("SIPWITCHCTL_TIMEOUT must be a whole number of seconds");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aFifoSquattedByAnotherUserIsRefused(String shell) throws Exception {
        Assumptions.assumeTrue(isRoot(), "making files of another user needs root");
        // /tmp-like: anyone may create there; "nobody" made the run directory and the FIFO first
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path squat = Files.createDirectory(shared.resolve("sipwitch-victim"));
        Fifos.create(squat.resolve("control"), "0666");
        chown(squat.resolve("control"));
        chown(squat);
        var r = new Sipwitchctl(shell, squat, tmp).run("status");
        assertThat(r.exit()).as(r.err()).isEqualTo(13);
        assertThat(r.err()).startsWith("sipwitchctl: refusing to use " + squat + "/control: ")
                .contains("belongs to uid 65534, not to you or root").contains("someone else may have made it");

        // our own run directory with a FIFO another user slipped in (or made writable by all)
        Path own = Files.createDirectory(temp.resolve("own"));
        Fifos.create(own.resolve("control"), "0660");
        chown(own.resolve("control"));
        assertThat(new Sipwitchctl(shell, own, tmp).run("status").err()).contains("belongs to uid 65534");
        Path open = Files.createDirectory(temp.resolve("open"));
        Fifos.create(open.resolve("control"), "0666");
        Files.setPosixFilePermissions(open.resolve("control"), PosixFilePermissions.fromString("rw-rw-rw-"));
        var writable = new Sipwitchctl(shell, open, tmp).run("status");
        assertThat(writable.exit()).isEqualTo(13);
        assertThat(writable.err()).contains("control is writable by other users");
        try (var dirs = Files.list(tmp)) {
            assertThat(dirs).as("nothing was sent: no reply directory was even made").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aUserWhoMayNotEnterTheRunDirectoryIsToldSo(String shell) throws Exception {
        Assumptions.assumeTrue(isRoot(), "running as another user needs root");
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxrwx---"));
        // "nobody" must reach the script and a private temp dir of its own, not the run directory
        Path nobodyTmp = Files.createDirectory(temp.resolve("nobody-tmp"));
        chown(nobodyTmp);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        var r = new Sipwitchctl(shell, runDir, nobodyTmp).as(65534, 65534).run("status");
        assertThat(r.exit()).as(r.err()).isEqualTo(11);
        assertThat(r.err()).contains("permission denied: cannot enter " + runDir);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chown(Path p) throws Exception {
        var lookup = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, lookup.lookupPrincipalByName("nobody"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void refusalsAreTwentiesWithTheReasonOnStderr(String shell) throws Exception {
        Sipwitchctl ctl = ctl(shell);
        var release = ctl.run("release", "999");
        assertThat(release.exit()).isEqualTo(20);
        assertThat(release.err()).isEqualTo("sipwitchctl: no such extension 999\n");
        var state = ctl.run("state", "bogus");
        assertThat(state.exit()).isEqualTo(20);
        assertThat(state.err()).contains("unknown state bogus");
        var enable = ctl.run("enable", "night", "nope", "nada");
        assertThat(enable.exit()).isEqualTo(20);
        assertThat(enable.err()).contains("nope: unknown conf-id nope").contains("nada: unknown conf-id nada");
        assertThat(ctl.run("drop", "nobody").exit()).isEqualTo(20);
        assertThat(ctl.run("message", "999", "hi").exit()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void badArgumentsAreRefusedWithoutContactingTheDaemon(String shell) throws Exception {
        // no daemon here: contacting it would give 10, not 1
        Sipwitchctl ctl = new Sipwitchctl(shell, temp.resolve("nowhere"), tmp);
        List<List<String>> bad = List.of(List.of(), List.of("bogus"), List.of("registry", "x"),
                List.of("trace", "maybe"), List.of("trace"), List.of("concurrency", "many"),
                List.of("concurrency", "257"), List.of("state", "up", "now"),
                List.of("verbose", "10"), List.of("period", "0"), List.of("history", "-1"),
                List.of("activate", "201"), List.of("message", "201"), List.of("enable"),
                List.of("realm", "r", "sha1"), List.of("drop", "a", "b"), List.of("message", "201", "a\tb"));
        for (List<String> args : bad) {
            var r = ctl.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(args.toString()).isEqualTo(1);
            assertThat(r.err().lines().count()).as(args.toString()).isEqualTo(1);
        }
        assertThat(ctl.run("registry").exit()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void noDaemonIsTenAndStaleFifoIsTenAfterTheTimeout(String shell) throws Exception {
        var none = new Sipwitchctl(shell, temp.resolve("nowhere"), tmp).run("registry");
        assertThat(none.exit()).isEqualTo(10);
        assertThat(none.err()).contains("daemon not running");
        Path stale = Files.createDirectory(temp.resolve("stale"));
        Fifos.create(stale.resolve("control"), "0600");
        assertThat(new Sipwitchctl(shell, stale, tmp).run("registry").exit()).isEqualTo(10);
        try (var dirs = Files.list(tmp)) {
            assertThat(dirs).as("private reply directories are cleaned up").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void eventsStreamUntilTheClientIsInterrupted(String shell) throws Exception {
        // the bridge logs when the stream is set up: every event after that is streamed
        CountDownLatch opened = new CountDownLatch(1);
        AppenderBase<ILoggingEvent> watch = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().startsWith("events stream opened")) {
                    opened.countDown();
                }
            }
        };
        watch.start();
        Logger streamLog = (Logger) LoggerFactory.getLogger(EventStream.class);
        streamLog.addAppender(watch);
        Process events = ctl(shell).start("events");
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(events.getInputStream()))) {
            assertThat(opened.await(10, TimeUnit.SECONDS)).as("the stream was set up").isTrue();
            daemon.events.append(SipwitchNotifications.CALL_DROPPED, "call 0000002a:2 dropped: busy");
            assertThat(out.readLine()).endsWith(" call.dropped call 0000002a:2 dropped: busy");
        } finally {
            streamLog.detachAppender(watch);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(events.pid())).start().waitFor();
        assertThat(events.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events.exitValue()).isEqualTo(130);
        assertThat(ctl(shell).run("status").exit()).isZero();
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes("UTF-8")));
    }
}
