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
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMX as an operator's console sees a real daemon while real SIP peers (sipp)
 * register and call: notifications for the registrations and the call, the call in
 * the Calls MBean (matching what sipwitchctl prints), a drop invoked over JMX, and
 * the statistics afterwards.
 */
class JmxSipIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static JMXConnector jmx;
    static MBeanServerConnection mbs;
    static final List<Notification> notifications = new CopyOnWriteArrayList<>();
    static final List<Sipp.Phone> sipps = new ArrayList<>();
    /** alice only calls: her Contact is a port the test holds, so nobody else can take it. */
    static DatagramSocket aliceContact;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .section("  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n").write(work);
        daemon = DaemonProcess.start(config, work);
        jmx = Tools.jmx(daemon, "control");
        mbs = jmx.getMBeanServerConnection();
        mbs.addNotificationListener(new ObjectName("sipwitch:type=Server"), (n, hb) -> notifications.add(n), null,
                null);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
        if (aliceContact != null) {
            aliceContact.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    static Sipp.Phone sipp(String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(daemon, work, name, scenario, 30, extra);
        sipps.add(p);
        return p;
    }

    static boolean seen(String type, String text) {
        return notifications.stream().anyMatch(n -> n.getType().equals(type) && n.getMessage().contains(text));
    }

    static Object attr(String type, String name) throws Exception {
        return mbs.getAttribute(new ObjectName("sipwitch:type=" + type), name);
    }

    @Test
    void aConsolePagesThroughTheRegistryAndReadsItsSizeWithoutFetchingIt() throws Exception {
        ObjectName registry = new ObjectName("sipwitch:type=Registry");
        String[] both = {String.class.getName(), String.class.getName()};
        for (int ext = 251; ext <= 255; ext++) { // door phones: static bindings, in the extension range
            mbs.invoke(registry, "activate", new Object[] {Integer.toString(ext), "192.0.2." + ext}, both);
        }
        CompositeData[] all = (CompositeData[]) attr("Registry", "Registrations");
        assertThat((Integer) attr("Registry", "RegistrationCount")).isEqualTo(all.length).isGreaterThanOrEqualTo(5);
        String[] ints = {int.class.getName(), int.class.getName()};
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.length + 2; offset += 2) {
            CompositeData[] page = (CompositeData[]) mbs.invoke(registry, "registrationPage",
                    new Object[] {offset, 2}, ints);
            assertThat(page.length).isLessThanOrEqualTo(2);
            for (CompositeData row : page) {
                paged.add(row.get("user") + " " + row.get("contact"));
            }
        }
        List<String> whole = new ArrayList<>();
        for (CompositeData row : all) {
            whole.add(row.get("user") + " " + row.get("contact"));
        }
        assertThat(paged).as("the pages, end to end, are the whole list in its order").isEqualTo(whole);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mbs.invoke(registry, "registrationPage",
                new Object[] {0, 1_000_000}, ints)).hasStackTraceContaining("limit must be 1 to 10000");
        for (int ext = 251; ext <= 255; ext++) {
            mbs.invoke(registry, "release", new Object[] {Integer.toString(ext)}, new String[] {String.class.getName()});
        }
    }

    @Test
    void registrationsAndACallAreSeenAndDroppedOverJmx() throws Exception {
        ObjectName trace = new ObjectName("sipwitch:type=Trace");
        mbs.invoke(trace, "trace", new Object[] {"on"}, new String[] {String.class.getName()});
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Sipp.Phone bob = sipp("bob", "call-uas.xml"); // waits for the call, on a port it bound itself
        Sipp.registerOk(daemon, work, "alice", "alice-secret", aliceContact.getLocalPort());
        mbs.invoke(trace, "trace", new Object[] {"off"}, new String[] {String.class.getName()});
        CompositeData[] captured = (CompositeData[]) mbs.getAttribute(trace, "Messages");
        assertThat(captured).extracting(c -> (String) c.get("text"))
                .anyMatch(t -> t.startsWith("REGISTER ") && t.contains("Authorization: Digest username=\"alice\""))
                .anyMatch(t -> t.startsWith("SIP/2.0 401"))
                .noneMatch(t -> t.contains("response=\"") && !t.contains("****"));
        assertThat(captured).extracting(c -> (String) c.get("direction")).contains("in", "out");
        Sipp.registerOk(daemon, work, "bob", "bob-secret", bob.port());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("sipwitch.registration.activated", "alice")
                && seen("sipwitch.registration.activated", "bob"));
        assertThat((CompositeData[]) attr("Registry", "Registrations")).hasSize(2);

        Sipp.Phone alice = sipp("alice", "call-uac-held.xml", "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> ((CompositeData[]) attr("Calls", "Calls")).length == 1
                        && ((String) attr("Calls", "Status")).contains("j"));
        CompositeData call = ((CompositeData[]) attr("Calls", "Calls"))[0];
        String callId = (String) call.get("id");
        assertThat(call.get("source").toString()).contains("alice");
        assertThat(Tools.sipwitchctl(daemon, "calls").out()).contains(callId);
        assertThat(seen("sipwitch.call.connecting", "")).isTrue();

        Object dropped = mbs.invoke(new ObjectName("sipwitch:type=Calls"), "drop", new Object[] {callId},
                new String[] {String.class.getName()});
        assertThat(dropped).isEqualTo(1);
        alice.assertPassed();
        bob.assertPassed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("sipwitch.call.dropped", callId));
        assertThat((CompositeData[]) attr("Calls", "Calls")).isEmpty();

        CompositeData[] stats = (CompositeData[]) attr("Stats", "Stats");
        CompositeData aliceStats = find(stats, "alice");
        assertThat(((Number) aliceStats.get("outTotal")).longValue()).isEqualTo(1);
        assertThat(((Number) find(stats, "bob").get("inTotal")).longValue()).isEqualTo(1);
        assertThat(((Number) aliceStats.get("current")).longValue()).isZero();
        assertThat(((Number) aliceStats.get("peak")).longValue()).isEqualTo(1);
        assertThat(Tools.sipwitchctl(daemon, "stats").out()).contains("alice");
    }

    static CompositeData find(CompositeData[] rows, String name) {
        for (CompositeData c : rows) {
            if (name.equals(c.get("name"))) {
                return c;
            }
        }
        throw new AssertionError("no stats for " + name);
    }
}
