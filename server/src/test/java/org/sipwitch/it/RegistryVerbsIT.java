package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry, policy and server verbs of the real sipwitchctl against a real daemon
 * with phones registered by the real sipp; what a verb prints is checked against the
 * same state read over remote JMX.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryVerbsIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static JMXConnector jmx;
    static MBeanServerConnection mbs;
    /** The phones' Contact ports: held by the test, so nobody else can take them meanwhile. */
    static DatagramSocket aliceContact;
    static DatagramSocket bobContact;
    static int alicePort;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .section("  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n").write(work);
        daemon = DaemonProcess.start(config, work);
        jmx = Tools.jmx(daemon, "control");
        mbs = jmx.getMBeanServerConnection();
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        bobContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        alicePort = aliceContact.getLocalPort();
        Sipp.Result r = sipp("register.xml", "alice", "alice-secret", alicePort);
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException expected) {
                // the last test aborts the daemon: nobody is left to say goodbye to
            }
        }
        if (daemon != null) {
            daemon.close();
        }
        for (DatagramSocket s : new DatagramSocket[] {aliceContact, bobContact}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static Sipp.Result sipp(String scenario, String user, String secret, int contactPort) throws Exception {
        return Sipp.register(daemon, work, scenario, user, secret, contactPort);
    }

    static Tools.Result ok(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    static Object attr(String type, String name) throws Exception {
        return mbs.getAttribute(new ObjectName("sipwitch:type=" + type), name);
    }

    static CompositeData[] rows(String type, String name) throws Exception {
        return (CompositeData[]) attr(type, name);
    }

    @Test
    @Order(1)
    void registryShowsThePhoneAsJmxDoes() throws Exception {
        String out = ok("registry").out();
        String contact = "sip:alice@127.0.0.1:" + alicePort + ";transport=UDP";
        assertThat(out).contains("201").contains("alice").contains(contact).contains("1 registration of 1 user");
        CompositeData[] regs = rows("Registry", "Registrations");
        assertThat(regs).hasSize(1);
        assertThat(regs[0].get("user")).isEqualTo("alice");
        assertThat(regs[0].get("extension")).isEqualTo("201");
        assertThat(regs[0].get("contact")).isEqualTo(contact);
        assertThat(regs[0].get("transport")).isEqualTo("udp");
    }

    @Test
    @Order(1)
    void registryReadsOnePageWhenAskedForIt() throws Exception {
        assertThat(ok("registry", "0", "1").out()).contains("alice").contains("1 registration of 1 user, from offset 0");
        assertThat(ok("registry", "1").out()).doesNotContain("alice").contains("0 registrations of 0 users, from offset 1");
        Tools.Result bad = Tools.sipwitchctl(daemon, "registry", "0", "20000");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("limit must be 1..10000, not 20000");
    }

    @Test
    @Order(2)
    void usercacheListsTheAuthenticatedUser() throws Exception {
        assertThat(ok("usercache").out()).contains("alice").contains("127.0.0.1").contains("1 cached user");
        CompositeData[] cache = rows("Registry", "UserCache");
        assertThat(cache).extracting(c -> c.get("user")).containsExactly("alice");
    }

    @Test
    @Order(3)
    void activateAddsAStaticBindingAndReleaseRemovesIt() throws Exception {
        ok("activate", "202", "127.0.0.1:5999");
        assertThat(ok("registry").out()).contains("static").contains("sip:202@127.0.0.1:5999");
        assertThat(rows("Registry", "Registrations")).extracting(c -> c.get("type")).contains("static");

        assertThat(ok("release", "202").out()).contains("released 1");
        assertThat(ok("registry").out()).doesNotContain("5999");

        Tools.Result bad = Tools.sipwitchctl(daemon, "activate", "202", "not-an-address");
        assertThat(bad.status()).isEqualTo(20);
        assertThat(bad.err()).contains("invalid address");
    }

    @Test
    @Order(4)
    void policyShowsTheListsAndTheRealPublishedPort() throws Exception {
        String out = ok("policy").out();
        assertThat(out).contains("trusted").contains("127.0.0.0/8")
                .contains("published 127.0.0.1:" + daemon.port("udp"));
        CompositeData policy = (CompositeData) attr("Policy", "Policy");
        assertThat(policy.get("published")).isEqualTo("127.0.0.1:" + daemon.port("udp"));
    }

    @Test
    @Order(5)
    void realmShowAndSetMatchJmx() throws Exception {
        assertThat(ok("realm").out().strip()).isEqualTo("test md5");
        assertThat(ok("realm", "night.example", "sha-256").out().strip()).isEqualTo("night.example sha-256");
        CompositeData realm = (CompositeData) mbs.invoke(new ObjectName("sipwitch:type=Realm"), "realm",
                new Object[] {"", ""}, new String[] {String.class.getName(), String.class.getName()});
        assertThat(realm.get("realm")).isEqualTo("night.example");
        ok("realm", "test", "md5");
        // the phone registers again in the realm put back
        assertThat(sipp("register.xml", "alice", "alice-secret", alicePort).passed()).isTrue();
    }

    @Test
    @Order(6)
    void digestIsComputedLocallyFromTheSecretOnStdin() throws Exception {
        Tools.Result r = Tools.sipwitchctlWithInput(daemon, "alice-secret\n", "digest", "alice");
        assertThat(r.status()).as(r.toString()).isZero();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest("alice:test:alice-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.out().strip()).isEqualTo(expected);
        assertThat(daemon.stderr()).noneMatch(l -> l.contains("alice-secret"));
    }

    @Test
    @Order(7)
    void concurrencyPeriodStatsAndInterfacesChangeWhatJmxReports() throws Exception {
        ok("concurrency", "3");
        assertThat(attr("Server", "Concurrency")).isEqualTo(3);
        ok("period", "5");
        ok("pstats");
        ok("ifdown", "lo");
        ok("ifup", "lo");
        Tools.Result bad = Tools.sipwitchctl(daemon, "concurrency", "lots");
        assertThat(bad.status()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void grantGivesTheGroupTheRunAndStateDirectories() throws Exception {
        ok("grant", "root");
        assertThat(Files.getAttribute(daemon.runDir(), "posix:group").toString()).isEqualTo("root");
        Tools.Result bad = Tools.sipwitchctl(daemon, "grant", "no-such-group-here");
        assertThat(bad.status()).isEqualTo(20);
        assertThat(bad.err()).contains("no-such-group-here");
    }

    @Test
    @Order(9)
    void registrationLifeCycleAndWrongPasswordThroughSipp() throws Exception {
        int port = bobContact.getLocalPort();
        Sipp.Result cycle = sipp("register-cycle.xml", "bob", "bob-secret", port);
        assertThat(cycle.passed()).as(cycle.output()).isTrue();
        assertThat(ok("registry").out()).doesNotContain("bob");

        Sipp.Result refused = sipp("register-refused.xml", "bob", "not-bobs-secret", port);
        assertThat(refused.passed()).as(refused.output()).isTrue();
        assertThat(ok("registry").out()).doesNotContain("bob");
    }

    @Test
    @Order(10)
    void eventsStreamRegistrationsUntilInterrupted() throws Exception {
        // SIGINT at its default, as from a terminal, even when the build runs in the background
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT",
                DaemonProcess.script("sipwitchctl").toString(), "events");
        pb.environment().put("SIPWITCH_RUNDIR", daemon.runDir().toString());
        Path out = work.resolve("events.out");
        Process events = pb.redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            // the daemon says when the stream is set up: every event after that is streamed
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> daemon.stderr().stream().anyMatch(l -> l.contains("events stream opened")));
            assertThat(sipp("register.xml", "bob", "bob-secret", bobContact.getLocalPort()).passed()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("bob"));
            assertThat(Files.readString(out)).contains("registration.activated");
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(events.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertThat(events.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events.exitValue()).isEqualTo(130);
    }

    @Test
    @Order(11)
    void restartRebindsAndKeepsRegistrations() throws Exception {
        ok("restart");
        String contact = ok("contact").out().strip();
        assertThat(contact).startsWith("sip:127.0.0.1:");
        assertThat(ok("registry").out()).contains("alice");
    }

    @Test
    @Order(99)
    void abortWritesADumpAndEndsTheDaemon() throws Exception {
        Tools.Result r = ok("abort");
        Path dump = Path.of(r.out().strip());
        assertThat(dump).exists().startsWith(daemon.stateDir());
        assertThat(Files.readString(dump)).contains("\"main\"").doesNotContain("alice-secret");
        assertThat(daemon.waitFor(Duration.ofSeconds(10))).isNotEqualTo(-1);
        assertThat(daemon.isAlive()).isFalse();
    }
}
