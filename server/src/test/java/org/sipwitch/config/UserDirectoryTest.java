package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.digest.DigestAlgorithm;

/** Provisioned users: lookups and HA1 digests. */
class UserDirectoryTest {

    /** RFC 2617 §3.5: HA1 of Mufasa:testrealm@host.com:Circle Of Life. */
    static final String MUFASA_MD5_HA1 = "939e7578ed9e3c518a452acee763bce9";

    @TempDir
    Path dir;

    private SipwitchConfig load(String provision, String registry) throws ConfigException {
        return ConfigLoader.load(main(dir, "<sipwitch><registry>" + registry + "</registry><provision>" + provision
                + "</provision></sipwitch>"));
    }

    @Test
    void lookupsByIdExtensionAndAlias() throws Exception {
        UserDirectory users = load("""
                <user id="alice"><extension>201</extension><display>Alice A.</display><secret>s</secret>
                  <profile>admin</profile><alias>boss</alias><alias>al</alias></user>
                <user id="bob"><secret>s</secret></user>
                """, "<prefix>200</prefix><range>100</range>").users();

        ProvisionedUser alice = users.byId("alice").orElseThrow();
        assertThat(alice.extension()).contains("201");
        assertThat(alice.display()).isEqualTo("Alice A.");
        assertThat(alice.profile()).isEqualTo("admin");
        assertThat(alice.aliases()).containsExactly("boss", "al");
        assertThat(users.byExtension("201")).containsSame(alice);
        assertThat(users.byAlias("boss")).containsSame(alice);
        assertThat(users.lookup("al")).containsSame(alice);
        assertThat(users.lookup("201")).containsSame(alice);
        assertThat(users.lookup("alice")).containsSame(alice);

        ProvisionedUser bob = users.byId("bob").orElseThrow();
        assertThat(bob.extension()).isEmpty();
        assertThat(bob.display()).isEqualTo("bob");
        assertThat(bob.profile()).isEqualTo(ProvisionedUser.DEFAULT_PROFILE);

        assertThat(users.lookup("carol")).isEmpty();
        assertThat(users.byExtension("202")).isEmpty();
        assertThat(users.byId("Alice")).isEmpty(); // SIP user parts are case-sensitive
        assertThat(users.byId("boss")).isEmpty();
    }

    @Test
    void ha1FromSecretMatchesRfc2617() throws Exception {
        ProvisionedUser mufasa = load("<user id=\"Mufasa\"><secret>Circle Of Life</secret></user>", "")
                .users().byId("Mufasa").orElseThrow();
        assertThat(mufasa.ha1("testrealm@host.com", DigestAlgorithm.MD5)).contains(MUFASA_MD5_HA1);
        assertThat(DigestAlgorithm.parse("md5-sess")).isEmpty();
    }

    @Test
    void sha256MatchesRfc7616Example() {
        // RFC 7616 §3.9.1: the full response for SHA-256, which proves HA1 is right too
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
        String ha2 = DigestAlgorithm.SHA_256.hex("GET:/dir/index.html");
        String response = DigestAlgorithm.SHA_256.hex(ha1 + ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:"
                + "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:" + ha2);
        assertThat(response).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(ha1).hasSize(64);
    }

    @Test
    void storedDigestOnlyForItsRealmAndAlgorithm() throws Exception {
        ProvisionedUser mufasa = load("<user id=\"Mufasa\"><digest>939E7578ED9E3C518A452ACEE763BCE9</digest></user>",
                "<realm>testrealm@host.com</realm><digest>md5</digest>").users().byId("Mufasa").orElseThrow();
        assertThat(mufasa.ha1("testrealm@host.com", DigestAlgorithm.MD5)).contains(MUFASA_MD5_HA1); // normalised
        assertThat(mufasa.ha1("other.realm", DigestAlgorithm.MD5)).isEmpty();
        assertThat(mufasa.ha1("testrealm@host.com", DigestAlgorithm.SHA_256)).isEmpty();
    }

    @Test
    void secretWorksForAnyRealmAndAlgorithm() throws Exception {
        ProvisionedUser alice = load("<user id=\"alice\"><secret>pw</secret></user>", "").users().byId("alice").orElseThrow();
        assertThat(alice.ha1("r1", DigestAlgorithm.MD5)).contains(DigestAlgorithm.MD5.hex("alice:r1:pw"));
        assertThat(alice.ha1("r2", DigestAlgorithm.SHA_256)).contains(DigestAlgorithm.SHA_256.hex("alice:r2:pw"));
    }

    @Test
    void nonAsciiSecretIsHashedAsUtf8() throws Exception {
        ProvisionedUser u = load("<user id=\"u\"><secret>p\u00e4ss</secret></user>", "").users().byId("u").orElseThrow();
        assertThat(u.ha1("r", DigestAlgorithm.MD5)).contains(DigestAlgorithm.MD5.hex("u:r:p\u00e4ss"));
    }

    @Test
    void directoryRejectsClashesWhenBuiltByHand() {
        SourcePosition here = SourcePosition.of(Path.of("test"));
        Credentials c = new Credentials.PlainSecret(Secret.of("x"));
        ProvisionedUser a = new ProvisionedUser("a", Optional.of("201"), "A", "standard", c, List.of(), here);
        ProvisionedUser b = new ProvisionedUser("b", Optional.empty(), "B", "standard", c, List.of("201"), here);
        assertThatThrownBy(() -> new UserDirectory(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"201\" belongs to both a");
    }

    @Test
    void digestAlgorithmNames() {
        assertThat(DigestAlgorithm.parse("SHA256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.parse("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.parse("Md5")).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.parse("sha-512")).isEmpty();
        assertThat(DigestAlgorithm.SHA_256.token()).isEqualTo("SHA-256");
    }
}
