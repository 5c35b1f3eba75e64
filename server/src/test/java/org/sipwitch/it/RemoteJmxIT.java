package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;
import org.sipwitch.mbeans.SipwitchNotifications;

/** Remote JMX of a real daemon with {@code <jmx>} on port 0: credentials, roles, MBeans, notifications. */
class RemoteJmxIT {

    @TempDir
    static Path work;

    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        Path config = new TestConfig().user("alice", "201", "alice-secret-123")
                .section("  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n").write(work);
        daemon = DaemonProcess.start(config, work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void passwordFileIsCreatedPrivateAndTheListeningPortReported() throws Exception {
        Path file = daemon.stateDir().resolve("jmxremote.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        int port = Integer.parseInt(daemon.stdout().stream().filter(l -> l.startsWith("sipwitch: listening on jmx://"))
                .findFirst().orElseThrow().replaceAll(".*:(\\d+)$", "$1"));
        assertThat(port).isPositive();
        // one port for the registry and the connector
        assertThat(Tools.runFile(daemon).get("url"))
                .isEqualTo("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        String log = String.join("\n", daemon.stderr());
        assertThat(log).contains(file.toString());
        assertThat(log).doesNotContain(Tools.password(daemon, "control")).doesNotContain(Tools.password(daemon, "monitor"));
    }

    @Test
    void controlReadsEveryMBeanAndSwitchesTracing() throws Exception {
        try (JMXConnector c = Tools.jmx(daemon, "control")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            for (ObjectName name : ObjectNames.ALL) {
                MBeanInfo info = mbs.getMBeanInfo(name);
                assertThat(info.getDescription()).isNotBlank();
                for (MBeanAttributeInfo a : info.getAttributes()) {
                    assertThat(a.getDescription()).as(name + " " + a.getName()).isNotBlank();
                    mbs.getAttribute(name, a.getName()); // every attribute readable
                }
                for (MBeanOperationInfo op : info.getOperations()) {
                    assertThat(op.getDescription()).as(name + " " + op.getName()).isNotBlank();
                }
            }
            assertThat(mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"}, new String[] {"java.lang.String"}))
                    .isEqualTo(true);
            assertThat(mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"off"}, new String[] {"java.lang.String"}))
                    .isEqualTo(false);
            assertThat((CompositeData[]) mbs.getAttribute(ObjectNames.TRACE, "Messages")).isEmpty();
            CompositeData[] stats = (CompositeData[]) mbs.getAttribute(ObjectNames.STATS, "Stats");
            assertThat(stats[0].get("name")).isEqualTo("system");
            assertThat((String) mbs.getAttribute(ObjectNames.CONFIG, "EffectiveConfig"))
                    .contains("provision.user = alice").doesNotContain("alice-secret-123");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() {
        assertThatThrownBy(() -> Tools.jmx(daemon, "control", "wrong").close()).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> Tools.jmx(daemon, "root", "x").close()).isInstanceOf(SecurityException.class);
    }

    @Test
    void monitorReadsButCannotInvokeNorWrite() throws Exception {
        try (JMXConnector c = Tools.jmx(daemon, "monitor")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            assertThat(mbs.getAttribute(ObjectNames.SERVER, "State")).isEqualTo("up");
            assertThat(mbs.getAttribute(ObjectNames.REGISTRY, "Registrations")).isNotNull();
            // operations declared INFO only read: a read-only role may run them
            assertThat((CompositeData[]) mbs.invoke(ObjectNames.SERVER, "check", null, null)).isNotEmpty();
            assertThatThrownBy(() -> mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"},
                    new String[] {"java.lang.String"})).isInstanceOf(SecurityException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> mbs.setAttribute(ObjectNames.SERVER, new Attribute("State", "night")))
                    .isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> mbs.unregisterMBean(ObjectNames.SERVER)).isInstanceOf(SecurityException.class);
            assertThat(mbs.getAttribute(ObjectNames.SERVER, "State")).isEqualTo("up");
        }
    }

    @Test
    void controlWritesOnlyTheSipwitchDomain() throws Exception {
        ObjectName hotspot = new ObjectName("com.sun.management:type=HotSpotDiagnostic");
        Path dump = work.resolve("heap.hprof");
        try (JMXConnector c = Tools.jmx(daemon, "control")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            // reading the platform MBeans is fine ...
            assertThat(mbs.getAttribute(hotspot, "DiagnosticOptions")).isNotNull();
            assertThat(mbs.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage")).isNotNull();
            // ... but the heap holds the users' secrets: no dump, no JVM changes
            assertThatThrownBy(() -> mbs.invoke(hotspot, "dumpHeap", new Object[] {dump.toString(), true},
                    new String[] {"java.lang.String", "boolean"})).isInstanceOf(SecurityException.class)
                    .hasMessageContaining("access denied").hasMessageContaining("read-only outside the sipwitch domain");
            assertThatThrownBy(() -> mbs.setAttribute(new ObjectName("java.lang:type=Memory"),
                    new Attribute("Verbose", true))).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> mbs.invoke(new ObjectName("java.util.logging:type=Logging"), "setLoggerLevel",
                    new Object[] {"", "OFF"}, new String[] {"java.lang.String", "java.lang.String"}))
                    .isInstanceOf(SecurityException.class);
        }
        assertThat(dump).doesNotExist();
    }

    @Test
    void monitorReadsOnlySipwitchAndJavaLang() throws Exception {
        try (JMXConnector c = Tools.jmx(daemon, "monitor")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            assertThat(mbs.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage")).isNotNull();
            assertThatThrownBy(() -> mbs.getAttribute(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "DiagnosticOptions")).isInstanceOf(SecurityException.class).hasMessageContaining("monitor");
            assertThat(mbs.queryNames(null, null)).isNotEmpty()
                    .allMatch(n -> n.getDomain().equals("sipwitch") || n.getDomain().equals("java.lang"))
                    .contains(ObjectNames.SERVER, new ObjectName("java.lang:type=Runtime"));
            assertThat(mbs.getDomains()).containsExactlyInAnyOrder("sipwitch", "java.lang");
            assertThatThrownBy(() -> mbs.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null))
                    .isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void listenerSeesStateAndRealmChanges() throws Exception {
        BlockingQueue<Notification> seen = new LinkedBlockingQueue<>();
        NotificationListener listener = (n, handback) -> seen.add(n);
        try (JMXConnector c = Tools.jmx(daemon, "control")) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            mbs.addNotificationListener(ObjectNames.SERVER, listener, null, null);
            mbs.setAttribute(ObjectNames.SERVER, new Attribute("State", "night"));
            mbs.invoke(ObjectNames.REALM, "realm", new Object[] {"office.example", "sha-256"},
                    new String[] {"java.lang.String", "java.lang.String"});
            Notification state = poll(seen, SipwitchNotifications.STATE_CHANGED);
            assertThat(state.getMessage()).isEqualTo("state night");
            assertThat(state.getSource()).isEqualTo(ObjectNames.SERVER);
            Notification realm = poll(seen, SipwitchNotifications.REALM_CHANGED);
            assertThat(realm.getMessage()).isEqualTo("realm office.example digest sha-256");
            mbs.setAttribute(ObjectNames.SERVER, new Attribute("State", "up"));
            mbs.removeNotificationListener(ObjectNames.SERVER, listener);
        }
        // and sipwitchctl reads the same realm through the FIFO bridge
        Tools.Result realm = Tools.sipwitchctl(daemon, "realm");
        assertThat(realm.out().strip()).isEqualTo("office.example sha-256");
    }

    private static Notification poll(BlockingQueue<Notification> queue, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Notification n = queue.poll(200, TimeUnit.MILLISECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        throw new AssertionError("no " + type + " notification within 10 s");
    }

    @Test
    void sipwitchJmxUsesTheRemotePortWithTheStoredControlCredentials() throws Exception {
        Tools.Result r = Tools.sipwitchJmx(daemon, "stats");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("name = system;").contains("Period = 5;");
        assertThat(r.out() + r.err()).doesNotContain(Tools.password(daemon, "control"));
    }
}
