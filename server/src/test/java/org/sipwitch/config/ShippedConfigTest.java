package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.net.Transport;

/** The files in conf/ are what a fresh clone runs with: they must load and say what the docs say. */
class ShippedConfigTest {

    /** Tests run in server/; conf/ is beside it. */
    static final Path CONF = Path.of("..", "conf");

    @Test
    void shippedConfigLoads() throws Exception {
        SipwitchConfig config = ConfigLoader.load(CONF.resolve("sipwitch.xml"));

        assertThat(config.stack().interfaces()).containsExactly("127.0.0.1");
        assertThat(config.stack().port()).isEqualTo(5060);
        assertThat(config.stack().transports()).containsExactlyInAnyOrder(Transport.UDP, Transport.TCP);
        assertThat(config.stack().tlsEnabled()).isFalse();
        assertThat(config.registry().realm()).isEqualTo("sipwitch.local");
        assertThat(config.registry().digest()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(config.registry().prefix()).isEqualTo(200);
        assertThat(config.registry().lastExtension()).isEqualTo(299);
        assertThat(config.users().users()).extracting(ProvisionedUser::id).containsExactly("alice", "bob", "carol");
        assertThat(config.users().byExtension("202")).get().extracting(ProvisionedUser::id).isEqualTo("bob");
        assertThat(config.users().lookup("reception")).get().extracting(ProvisionedUser::id).isEqualTo("carol");
        assertThat(config.access().isTrusted(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(config.access().isTrusted(InetAddress.getByName("::1"))).isTrue();
        assertThat(config.access().isTrusted(InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(config.timers().ring()).isEqualTo(4);
        assertThat(config.timers().cfna()).isEqualTo(4);
        assertThat(config.jmx()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        // the example drop-in ships disabled
        assertThat(config.sources()).containsExactly(CONF.resolve("sipwitch.xml"));
    }

    /** The Debian package's /etc/sipwitch/sipwitch.xml: no demo users, metrics on loopback, records kept 90 days. */
    @Test
    void packagedConfigLoadsWithoutUsersOrWarnings() throws Exception {
        SipwitchConfig config = ConfigLoader.load(Path.of("..", "packaging", "src", "deb", "files", "sipwitch.xml"));
        assertThat(config.users().users()).isEmpty();
        assertThat(config.stack().interfaces()).containsExactly("127.0.0.1");
        assertThat(config.operations().metrics().orElseThrow()).isEqualTo(new MetricsConfig("127.0.0.1", 9095));
        assertThat(config.operations().cdr().retentionDays()).isEqualTo(90);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void shippedExampleDropInLoadsWhenEnabled(@TempDir Path tmp) throws Exception {
        copy(CONF, tmp);
        ConfigStore store = new ConfigStore(tmp.resolve("sipwitch.xml"));
        assertThat(store.list()).containsExactly(
                new DropIn("example", false, store.directory().resolve("example.xml.disabled")));

        assertThat(store.enable("example")).isTrue();
        SipwitchConfig config = ConfigLoader.load(tmp.resolve("sipwitch.xml"));

        assertThat(config.users().byExtension("204")).get().extracting(ProvisionedUser::id).isEqualTo("dave");
        assertThat(config.access().isTrusted(InetAddress.getByName("192.168.56.7"))).isTrue();
        assertThat(config.timers().ring()).isEqualTo(6);
        assertThat(config.timers().cfna()).isEqualTo(4);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
