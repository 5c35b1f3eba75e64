package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.config.ConfigFiles.failsAt;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <cluster>}: read whole, refused with file and line, and never repeating a password. */
class ClusterConfigTest {
    static final String SECRET = "0123456789abcdef-node-secret";

    @TempDir
    Path dir;

    static String cluster(String inside) {
        return "<sipwitch>\n  <cluster>\n" + inside + "\n  </cluster>\n</sipwitch>\n";
    }

    @Test
    void absentMeansAServerAlone() throws Exception {
        SipwitchConfig c = ConfigLoader.load(main(dir, "<sipwitch/>"));
        assertThat(c.cluster()).isEmpty();
        assertThat(ConfigDump.lines(c)).contains(
                "cluster = off (no <cluster> section: registrations journalled in the state directory)");
    }

    @Test
    void readsEveryElementAndDumpsNoSecret() throws Exception {
        SipwitchConfig c = ConfigLoader.load(main(dir, cluster("""
                <node>pbx-a</node>
                <redis>redis://user:hunter2-redis@10.0.0.5:6380/0</redis>
                <address>192.0.2.7:5060;transport=tcp</address>
                <secret>%s</secret>
                <liveness>5</liveness>""".formatted(SECRET))));
        ClusterConfig k = c.cluster().orElseThrow();
        assertThat(k.node()).isEqualTo("pbx-a");
        assertThat(new String(k.redis().reveal())).isEqualTo("redis://user:hunter2-redis@10.0.0.5:6380/0");
        assertThat(k.redisShown()).isEqualTo("redis://10.0.0.5:6380/0");
        assertThat(k.address()).contains("192.0.2.7:5060;transport=tcp");
        assertThat(k.livenessSeconds()).isEqualTo(5);
        String dump = String.join("\n", ConfigDump.lines(c)) + c;
        assertThat(dump).contains("cluster.redis = redis://10.0.0.5:6380/0").contains("cluster.secret = ****")
                .doesNotContain("hunter2-redis").doesNotContain(SECRET);
    }

    @Test
    void sentinelAndSocketUrisAreTaken() throws Exception {
        SipwitchConfig s = ConfigLoader.load(main(dir, cluster("<node>a</node><redis>redis-sentinel://pw@10.0.0.1:26379,"
                + "10.0.0.2:26379?sentinelMasterId=mymaster</redis><secret>" + SECRET + "</secret>")));
        assertThat(s.cluster().orElseThrow().redisShown()).isEqualTo("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379");
        SipwitchConfig u = ConfigLoader.load(main(dir, cluster("<node>a</node><redis>redis-socket:///run/redis/r.sock"
                + "</redis><secret>" + SECRET + "</secret>")));
        assertThat(u.cluster().orElseThrow().redisShown()).isEqualTo("redis-socket:///run/redis/r.sock");
        assertThat(u.cluster().orElseThrow().livenessSeconds()).isEqualTo(3);
    }

    @Test
    void missingSecretNamesTheSection() {
        Path file = main(dir, cluster("<node>a</node><redis>redis://127.0.0.1:6379</redis>"));
        failsAt(file, 2).hasMessageContaining("<cluster> needs a <secret>");
    }

    @Test
    void shortSecretIsRefusedWithoutShowingIt() {
        Path file = main(dir, cluster("<node>a</node><redis>redis://127.0.0.1</redis>\n<secret>tooshort</secret>"));
        failsAt(file, 4).hasMessageContaining("at least 16 characters").hasMessageNotContaining("tooshort");
    }

    @Test
    void wrongSchemeIsRefusedWithoutTheUri() {
        Path file = main(dir, cluster("<node>a</node>\n<redis>http://:pw-in-uri@127.0.0.1:6379</redis><secret>"
                + SECRET + "</secret>"));
        failsAt(file, 4).hasMessageContaining("redis://").hasMessageNotContaining("pw-in-uri");
    }

    @Test
    void badNodeNameAndAddressAreRefused() {
        failsAt(main(dir, cluster("<node>a b</node><redis>redis://h:1</redis><secret>" + SECRET + "</secret>")), 3)
                .hasMessageContaining("<node> of <cluster>");
        failsAt(main(dir, cluster("<node>a</node><redis>redis://h:1</redis><address>nowhere</address><secret>"
                + SECRET + "</secret>")), 3).hasMessageContaining("<address> of <cluster> must be host:port");
    }
}
