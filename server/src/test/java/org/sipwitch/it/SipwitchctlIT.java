package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.management.MBeanServerConnection;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;

/**
 * The real scripts/sipwitchctl against a real daemon for the verbs that need no SIP
 * peer: output and exit status, and the same state read back through remote JMX.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipwitchctlIT {

    private static final String SECRET = "alice-secret-123";

    @TempDir
    static Path work;

    static DaemonProcess daemon;
    static JMXConnector jmx;
    static MBeanServerConnection mbs;
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        config = new TestConfig().user("alice", "201", SECRET)
                .section("  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n").write(work);
        Files.createDirectories(work.resolve("sipwitch.d"));
        Files.writeString(work.resolve("sipwitch.d/night.xml.disabled"),
                "<sipwitch><timers><ring>7</ring></timers></sipwitch>\n");
        daemon = DaemonProcess.start(config, work);
        jmx = Tools.jmx(daemon, "control");
        mbs = jmx.getMBeanServerConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (Exception ignored) {
                // the daemon is gone after 'down'
            }
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Tools.Result ok(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    /**
     * One version string, the pom's: in the jar's manifest, from {@code sipwitchctl --version}
     * (no daemon asked), from {@code sipwitch --version}, as the running daemon's Server
     * MBean Version, and from the {@code version} verb.
     */
    @Test
    @Order(0)
    void theJarTheToolsAndTheDaemonReportThePomsVersion() throws Exception {
        String pom = System.getProperty("sipwitch.version");
        assertThat(pom).as("failsafe passes the pom's version").isNotBlank();
        try (JarFile jar = new JarFile(System.getProperty("sipwitch.jar"))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(pom);
        }
        assertThat(ok("--version").out()).isEqualTo("sipwitchctl " + pom + "\n");
        assertThat(mbs.getAttribute(ObjectNames.SERVER, "Version")).isEqualTo(pom);
        assertThat(ok("version").out()).isEqualTo("sipwitchctl " + pom + "\nsipwitch " + pom + "\n");
        Process daemonVersion = new ProcessBuilder(DaemonProcess.script("sipwitch").toString(), "--version").start();
        String printed = new String(daemonVersion.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(daemonVersion.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(printed).isEqualTo("sipwitch " + pom + "\n");
    }

    @Test
    @Order(1)
    void versionHelpContactDumpCheck() throws Exception {
        assertThat(ok("help").out()).contains("usage: sipwitchctl").contains("snapshot");
        assertThat(ok("contact").out().strip()).isEqualTo(mbs.getAttribute(ObjectNames.SERVER, "Contact"));
        String dump = ok("dump").out();
        assertThat(dump).contains("provision.user = alice").contains("jmx.port = 0").doesNotContain(SECRET);
        assertThat(dump.strip()).isEqualTo(((String) mbs.getAttribute(ObjectNames.CONFIG, "EffectiveConfig")).strip());
        assertThat(ok("check").out()).contains("ok   deadlocks: no deadlocked threads")
                .contains("ok   contained errors: 0 task(s) failed on the worker lanes, 0 message(s) failed in "
                        + "their handler, 0 ACK(s) not sent");
    }

    @Test
    @Order(2)
    void verboseAndStateMatchJmx() throws Exception {
        ok("verbose", "5");
        assertThat(mbs.getAttribute(ObjectNames.SERVER, "Verbose")).isEqualTo(5);
        ok("verbose", "2");
        ok("state", "night");
        assertThat(mbs.getAttribute(ObjectNames.SERVER, "State")).isEqualTo("night");
        Tools.Result unknown = Tools.sipwitchctl(daemon, "state", "party");
        assertThat(unknown.status()).isEqualTo(20);
        assertThat(unknown.err()).contains("unknown state 'party'");
        ok("state", "up");
        assertThat(Tools.sipwitchctl(daemon, "verbose", "12").status()).isEqualTo(1); // checked by the tool
    }

    @Test
    @Order(3)
    void snapshotWritesAPrivateFileWithoutSecrets() throws Exception {
        Path file = Path.of(ok("snapshot").out().strip());
        assertThat(file.getParent()).isEqualTo(daemon.stateDir().toRealPath());
        String text = Files.readString(file);
        assertThat(text).contains("version = ", "[threads]", "provision.user = alice");
        assertThat(text).doesNotContain(SECRET).doesNotContain(Tools.password(daemon, "control"));
    }

    @Test
    @Order(4)
    void traceOnOffClearAndSiplog() throws Exception {
        ok("trace", "on");
        assertThat(mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"}, new String[] {"java.lang.String"}))
                .isEqualTo(true);
        ok("trace", "clear");
        assertThat(ok("siplog").out()).isEmpty();
        assertThat((CompositeData[]) mbs.getAttribute(ObjectNames.TRACE, "Messages")).isEmpty();
        ok("trace", "off");
        assertThat(mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"off"}, new String[] {"java.lang.String"}))
                .isEqualTo(false);
        assertThat(Tools.sipwitchctl(daemon, "trace", "sideways").status()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void reloadEnableDisableAndABrokenReloadWithFileAndLineInHistory() throws Exception {
        ok("reload");
        ok("enable", "night");
        assertThat((String) mbs.getAttribute(ObjectNames.CONFIG, "EffectiveConfig")).contains("timers.ring = 7");
        Tools.Result unknown = Tools.sipwitchctl(daemon, "disable", "night", "nosuch");
        assertThat(unknown.status()).isEqualTo(20);
        assertThat(unknown.err()).contains("nosuch: no drop-in \"nosuch\"");
        assertThat(ok("dump").out()).contains("timers.ring = 4");

        String good = Files.readString(config);
        Files.writeString(config, good.replaceFirst("<port>0</port>", "<port>0</port><mapped>zero</mapped>"));
        try {
            Tools.Result broken = Tools.sipwitchctl(daemon, "reload");
            assertThat(broken.status()).as(broken.toString()).isEqualTo(20);
            assertThat(broken.err()).contains(config + ":3:");
            String history = ok("history").out();
            assertThat(history).contains("reload failed").contains(config + ":3:");
            assertThat(ok("history", "50").status()).isZero();
            CompositeData h = (CompositeData) mbs.invoke(ObjectNames.HISTORY, "history", new Object[] {0},
                    new String[] {"int"});
            assertThat(h.get("size")).isEqualTo(50);
        } finally {
            Files.writeString(config, good);
        }
        ok("reload");
    }

    @Test
    @Order(6)
    void releasingAnExtensionThatIsNotRegisteredFailsWith20() throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, "release", "201");
        assertThat(r.status()).isEqualTo(20);
        assertThat(r.err()).contains("201 is not registered");
        // 299 is no user, but inside the extension range: it could be activated, it just is not
        Tools.Result free = Tools.sipwitchctl(daemon, "release", "299");
        assertThat(free.status()).isEqualTo(20);
        assertThat(free.err()).contains("299 is not registered");
        Tools.Result unknown = Tools.sipwitchctl(daemon, "release", "399");
        assertThat(unknown.status()).isEqualTo(20);
        assertThat(unknown.err()).contains("no such extension 399 (not provisioned, and not in the extension range 200-299)");
        assertThat(ok("registry").out()).contains("0 registrations");
        assertThat(ok("stats").out()).contains("system");
    }

    @Test
    @Order(99)
    void downStopsTheDaemon() throws Exception {
        ok("down");
        assertThat(daemon.waitFor(Duration.ofSeconds(10))).isZero();
        assertThat(daemon.runDir().resolve("sipwitch.pid")).doesNotExist();
        assertThat(daemon.runDir().resolve("jmx")).doesNotExist();
    }
}
