package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.config.ConfigFiles.dropIn;
import static org.sipwitch.config.ConfigFiles.main;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipwitch.ip.Cidr;
import org.sipwitch.sip.net.Transport;

/** sipwitch.d/: merge rules, and enable/disable by renaming. */
class DropInTest {

    @TempDir
    Path dir;

    private Path mainFile() {
        return main(dir, """
                <sipwitch>
                  <stack>
                    <interface>127.0.0.1</interface>
                    <port>5060</port>
                    <transport>udp tcp</transport>
                  </stack>
                  <registry><realm>main</realm><prefix>200</prefix><range>100</range></registry>
                  <provision>
                    <user id="alice"><extension>201</extension><secret>a</secret></user>
                  </provision>
                  <access><trusted>127.0.0.0/8</trusted></access>
                </sipwitch>
                """);
    }

    @Test
    void usersAndAccessAppendOtherSettingsOverridePerElement() throws Exception {
        Path file = mainFile();
        dropIn(dir, "20-lab.xml", """
                <sipwitch>
                  <stack><port>5070</port></stack>
                  <provision><user id="bob"><extension>202</extension><secret>b</secret></user></provision>
                  <access><trusted>10.0.0.0/8</trusted><restricted>192.168.0.0/16</restricted></access>
                </sipwitch>
                """);
        dropIn(dir, "10-site.xml", """
                <sipwitch>
                  <stack><port>5080</port><interface>::1</interface></stack>
                </sipwitch>
                """);
        dropIn(dir, "30-off.xml.disabled", """
                <sipwitch><provision><user id="carol"><secret>c</secret></user></provision></sipwitch>
                """);

        SipwitchConfig config = ConfigLoader.load(file);

        // id order: 10-site then 20-lab; the later port wins, interface from 10-site stays
        assertThat(config.stack().port()).isEqualTo(5070);
        assertThat(config.stack().interfaces()).containsExactly("::1");
        assertThat(config.stack().transports()).containsExactlyInAnyOrder(Transport.UDP, Transport.TCP);
        assertThat(config.registry().realm()).isEqualTo("main");
        assertThat(config.users().users()).extracting(ProvisionedUser::id).containsExactly("alice", "bob");
        assertThat(config.access().trusted()).extracting(Cidr::toString).containsExactly("127.0.0.0/8", "10.0.0.0/8");
        assertThat(config.access().isAllowed(InetAddress.getByName("192.168.3.4"))).isTrue();
        assertThat(config.access().isAllowed(InetAddress.getByName("10.1.1.1"))).isTrue(); // trusted
        assertThat(config.access().isAllowed(InetAddress.getByName("172.16.0.1"))).isFalse();
        assertThat(config.sources()).containsExactly(file, dir.resolve("sipwitch.d/10-site.xml"),
                dir.resolve("sipwitch.d/20-lab.xml"));
        assertThat(config.users().byId("bob").get().position().file()).isEqualTo(dir.resolve("sipwitch.d/20-lab.xml"));
    }

    @Test
    void readmeBackupsAndHiddenFilesAreIgnored() throws Exception {
        Path file = mainFile();
        dropIn(dir, "README", "not xml");
        dropIn(dir, "lab.xml~", "<broken");
        dropIn(dir, ".lab.xml.swp", "<broken");
        dropIn(dir, ".hidden.xml", "<broken");
        assertThat(ConfigLoader.load(file).sources()).containsExactly(file);
        assertThat(new ConfigStore(file).list()).isEmpty();
    }

    @Test
    void noDropInDirectoryIsFine() throws Exception {
        Path file = mainFile();
        assertThat(Files.exists(dir.resolve("sipwitch.d"))).isFalse();
        assertThat(ConfigLoader.load(file).users().size()).isEqualTo(1);
        assertThat(new ConfigStore(file).list()).isEmpty();
    }

    @Test
    void enableAndDisableRename() throws Exception {
        Path file = mainFile();
        dropIn(dir, "lab.xml.disabled", """
                <sipwitch><provision><user id="bob"><secret>b</secret></user></provision></sipwitch>
                """);
        ConfigStore store = new ConfigStore(file);
        Path d = store.directory();
        assertThat(store.list()).containsExactly(new DropIn("lab", false, d.resolve("lab.xml.disabled")));
        assertThat(ConfigLoader.load(file).users().byId("bob")).isEmpty();

        assertThat(store.enable("lab")).isTrue();
        assertThat(d.resolve("lab.xml")).exists();
        assertThat(d.resolve("lab.xml.disabled")).doesNotExist();
        assertThat(store.list()).containsExactly(new DropIn("lab", true, d.resolve("lab.xml")));
        assertThat(ConfigLoader.load(file).users().byId("bob")).isPresent();
        assertThat(store.enable("lab")).isFalse(); // already on: nothing to do

        assertThat(store.disable("lab")).isTrue();
        assertThat(d.resolve("lab.xml.disabled")).exists();
        assertThat(store.disable("lab")).isFalse();
        assertThat(ConfigLoader.load(file).users().byId("bob")).isEmpty();
    }

    @Test
    void unknownIdIsReportedWithTheKnownOnes() {
        Path file = mainFile();
        dropIn(dir, "lab.xml.disabled", "<sipwitch/>");
        dropIn(dir, "site.xml", "<sipwitch/>");
        assertThatThrownBy(() -> new ConfigStore(file).enable("labs")).isInstanceOf(DropInException.class)
                .hasMessageContaining("no drop-in \"labs\"").hasMessageContaining("known: lab (disabled), site");
    }

    @Test
    void bothStatesPresentIsAConflict() {
        Path file = mainFile();
        dropIn(dir, "lab.xml.disabled", "<sipwitch/>");
        dropIn(dir, "lab.xml", "<sipwitch/>");
        assertThatThrownBy(() -> new ConfigStore(file).disable("lab")).isInstanceOf(DropInException.class)
                .hasMessageContaining("remove one of them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../sipwitch", "a/b", "..", ".", ".hidden", "a..b", "sp ace", "semi;colon",
            "x/../../etc/passwd", "\u00e9t\u00e9"})
    void invalidIdsAreRefusedBeforeTouchingFiles(String id) {
        ConfigStore store = new ConfigStore(mainFile());
        assertThatThrownBy(() -> store.enable(id)).isInstanceOf(DropInException.class)
                .hasMessageStartingWith("invalid drop-in id");
        assertThatThrownBy(() -> store.disable(id)).isInstanceOf(DropInException.class)
                .hasMessageStartingWith("invalid drop-in id");
    }

    @Test
    void validIds() {
        assertThat(ConfigStore.isValidId("10-site")).isTrue();
        assertThat(ConfigStore.isValidId("lab_2.v1")).isTrue();
        assertThat(ConfigStore.isValidId(null)).isFalse();
        assertThat(ConfigStore.isValidId("a".repeat(65))).isFalse();
    }

    @Test
    void sameSectionTwiceInOneFileIsAnError() {
        Path file = main(dir, """
                <sipwitch>
                  <timers><ring>4</ring></timers>
                  <timers><cfna>4</cfna></timers>
                </sipwitch>
                """);
        ConfigFiles.failsAt(file, 3).hasMessageContaining("<timers> given twice in one file (first at " + file + ":2)");
    }

    @Test
    void listSectionsMayRepeatInOneFile() throws Exception {
        Path file = main(dir, """
                <sipwitch>
                  <provision><user id="a"><secret>x</secret></user></provision>
                  <provision><user id="b"><secret>x</secret></user></provision>
                </sipwitch>
                """);
        assertThat(ConfigLoader.load(file).users().size()).isEqualTo(2);
    }
}
