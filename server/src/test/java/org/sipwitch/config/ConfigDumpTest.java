package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump and every toString show settings but never a secret, HA1 or keystore password. */
class ConfigDumpTest {

    static final String SECRET = "Sup3r-Secret-Value";
    static final String HA1 = "939e7578ed9e3c518a452acee763bce9";
    static final String KEYSTORE_PASSWORD = "Keystore-Pa55";
    static final String TRUSTSTORE_PASSWORD = "Truststore-Pa55";

    @TempDir
    Path dir;

    private SipwitchConfig config() throws ConfigException {
        ConfigFiles.write(dir.resolve("server.p12"), "not really a keystore");
        ConfigFiles.write(dir.resolve("ca.p12"), "not really a truststore");
        return ConfigLoader.load(main(dir, """
                <sipwitch>
                  <stack>
                    <transport>udp tcp tls</transport>
                    <tls>
                      <keystore>server.p12</keystore>
                      <password>%s</password>
                      <truststore>ca.p12</truststore>
                      <truststore-password>%s</truststore-password>
                    </tls>
                  </stack>
                  <registry><realm>dump.test</realm></registry>
                  <provision>
                    <user id="alice"><extension>201</extension><display>Alice "A"</display><secret>%s</secret></user>
                    <user id="bob"><digest>%s</digest><alias>robert</alias></user>
                  </provision>
                  <routing><route><pattern>9*</pattern><target>sip:gw@192.0.2.1</target></route></routing>
                  <jmx><port>0</port></jmx>
                </sipwitch>
                """.formatted(KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD, SECRET, HA1)));
    }

    @Test
    void dumpShowsSettingsAndMasksSecrets() throws Exception {
        SipwitchConfig config = config();
        String dump = String.join("\n", ConfigDump.lines(config));

        assertThat(dump).contains("registry.realm = dump.test")
                .contains("stack.tls = on")
                .contains("provision.user = alice extension=201 display=\"Alice \\\"A\\\"\" profile=standard secret=****")
                .contains("provision.user = bob display=\"bob\" profile=standard digest=**** aliases=robert")
                .contains("stack.tls.password = ****")
                .contains("routing.route = 9* -> sip:gw@192.0.2.1")
                .contains("jmx.port = 0")
                .contains("access.restricted = (none: all sources allowed)");
        assertNoSecretIn(dump);
    }

    @Test
    void noToStringLeaksAnything() throws Exception {
        SipwitchConfig config = config();
        assertNoSecretIn(config.toString());
        assertNoSecretIn(config.stack().toString());
        assertNoSecretIn(config.stack().tls().orElseThrow().toString());
        for (ProvisionedUser user : config.users().users()) {
            assertNoSecretIn(user.toString());
            assertNoSecretIn(user.credentials().toString());
        }
        assertThat(config.users().byId("alice").orElseThrow().toString()).contains("secret=****");
    }

    @Test
    void errorMessagesDoNotEchoSecrets() {
        Path file = main(dir, """
                <sipwitch><registry><digest>sha-256</digest></registry>
                  <provision><user id="bob"><digest>%s</digest></user></provision>
                </sipwitch>
                """.formatted(HA1));
        ConfigFiles.failsAt(file, 2).satisfies(e -> assertNoSecretIn(e.getMessage()));
    }

    @Test
    void secretRevealsOnlyOnRequest() {
        Secret secret = Secret.of(SECRET);
        assertThat(secret).hasToString("****");
        assertThat(new String(secret.reveal())).isEqualTo(SECRET);
        assertThat(secret).isEqualTo(Secret.of(SECRET)).isNotEqualTo(Secret.of("other"));
    }

    @Test
    void defaultsDump() {
        String dump = String.join("\n", ConfigDump.lines(ConfigLoader.defaults()));
        assertThat(dump).contains("stack.port = 5060").contains("jmx = off").contains("routing = (no rules)")
                .contains("registry.extensions = 100..999");
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(SECRET).doesNotContain(HA1).doesNotContain(HA1.toUpperCase())
                .doesNotContain(KEYSTORE_PASSWORD).doesNotContain(TRUSTSTORE_PASSWORD);
    }
}
