package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;

/**
 * What JConsole and VisualVM show of a real daemon over remote JMX: times as ISO-8601
 * text beside the epoch values, operation impacts, and a source that sipp got blocked
 * as fields of its policy entry, the same as the line sipwitchctl prints.
 */
class ConsoleViewIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static JMXConnector jmx;
    static MBeanServerConnection mbs;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        // 127.0.0.1 is not trusted here, so two wrong passwords block it
        Path config = new TestConfig().user("alice", "201", "alice-secret").access("<trusted>10.0.0.0/8</trusted>")
                .section("  <security><auth-failures>2</auth-failures></security>\n"
                        + "  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n").write(work);
        daemon = DaemonProcess.start(config, work);
        jmx = Tools.jmx(daemon, "monitor");
        mbs = jmx.getMBeanServerConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aBlockedSourceIsAnEntryWithFieldsAndIsoTimes() throws Exception {
        try (DatagramSocket contact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Sipp.registerOk(daemon, work, "alice", "alice-secret", contact.getLocalPort());
            for (int i = 0; i < 2; i++) {
                Sipp.register(daemon, work, "register-refused.xml", "alice", "wrong", contact.getLocalPort());
            }
        }
        CompositeData blocked = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(
                        (CompositeData[]) ((CompositeData) mbs.getAttribute(ObjectNames.POLICY, "Policy")).get("entries"))
                .filter(e -> e.get("list").equals("blocked")).findFirst().orElse(null), b -> b != null);
        assertThat(blocked.get("address")).isEqualTo("127.0.0.1");
        assertThat(blocked.get("user")).isEqualTo("alice");
        assertThat((Long) blocked.get("failures")).isGreaterThanOrEqualTo(2);
        long since = (Long) blocked.get("since");
        long until = (Long) blocked.get("until");
        assertThat(Instant.parse((String) blocked.get("sinceIso")).toEpochMilli()).isEqualTo(since);
        assertThat(Instant.parse((String) blocked.get("untilIso")).toEpochMilli()).isEqualTo(until);
        assertThat(until - since).isEqualTo(600_000);

        assertThat(Tools.sipwitchctl(daemon, "policy").out()).containsPattern("blocked +127\\.0\\.0\\.1 since "
                + blocked.get("sinceIso") + " until " + blocked.get("untilIso") + " failures \\d+ last-user alice");

        CompositeData cached = ((CompositeData[]) mbs.getAttribute(ObjectNames.REGISTRY, "UserCache"))[0];
        assertThat(Instant.parse((String) cached.get("lastSeenIso")).toEpochMilli()).isEqualTo(cached.get("lastSeen"));
    }

    @Test
    void eventsAndHistoryCarryIsoTimesAndOperationsTheirImpact() throws Exception {
        assertThat(Tools.sipwitchctl(daemon, "state", "night").status()).isZero();
        CompositeData[] events = (CompositeData[]) mbs.invoke(ObjectNames.SERVER, "eventsSince",
                new Object[] {0L}, new String[] {"long"});
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(Instant.parse((String) e.get("timeIso"))
                .toEpochMilli()).isEqualTo(e.get("time")));
        assertThat(Tools.sipwitchctl(daemon, "state", "up").status()).isZero();

        var impacts = new java.util.HashMap<String, Integer>();
        for (MBeanOperationInfo op : mbs.getMBeanInfo(ObjectNames.SERVER).getOperations()) {
            impacts.put(op.getName(), op.getImpact());
        }
        assertThat(impacts).containsEntry("check", MBeanOperationInfo.INFO)
                .containsEntry("down", MBeanOperationInfo.ACTION).containsEntry("abort", MBeanOperationInfo.ACTION)
                .containsEntry("snapshot", MBeanOperationInfo.ACTION_INFO);
        assertThat(mbs.getMBeanInfo(ObjectNames.CALLS).getOperations()).singleElement()
                .satisfies(op -> assertThat(op.getImpact()).isEqualTo(MBeanOperationInfo.ACTION));
    }
}
