package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.mbeans.Event;
import org.sipwitch.mbeans.EventLog;
import org.sipwitch.mbeans.PolicyEntry;
import org.sipwitch.mbeans.RealmInfo;

class RealmAndConfigTest {

    @TempDir
    Path dir;

    @Test
    void realmShowsChangesAndAnnounces() throws Exception {
        LiveConfig config = Fixtures.live(dir);
        Events events = new Events(new EventLog(10));
        RealmBean realm = new RealmBean(new ManagementHooks(config), events);
        assertThat(realm.realm("", "")).isEqualTo(new RealmInfo("example.net", "md5"));
        assertThat(realm.realm("office", "")).isEqualTo(new RealmInfo("office", "md5"));
        assertThat(realm.realm("", "SHA256")).isEqualTo(new RealmInfo("office", "sha-256"));
        assertThatThrownBy(() -> realm.realm("", "sha-1")).hasMessageContaining("unknown digest type");
        // the file's rule, the same words: no quotes, no spaces
        assertThatThrownBy(() -> realm.realm("a\"b", "")).hasMessageContaining("realm must be 1 to 128 visible ASCII");
        assertThatThrownBy(() -> realm.realm("a b", "")).hasMessageContaining("without quotes, backslashes or spaces");
        assertThat(events.log().since(0)).extracting(Event::message)
                .containsExactly("realm office digest md5", "realm office digest sha-256");
        assertThat(config.current().registry().realm()).isEqualTo("office");
        assertThat(String.join("\n", org.sipwitch.config.ConfigDump.lines(config)))
                .contains("registry.realm = office  [set live; the files say example.net]");

        config.reload(); // the files are back in charge
        assertThat(realm.realm("", "")).isEqualTo(new RealmInfo("example.net", "md5"));
    }

    @Test
    void digestIsTheRfc2617Ha1() throws Exception {
        RealmBean realm = new RealmBean(new ManagementHooks(Fixtures.live(dir)), new Events(new EventLog(10)));
        // RFC 2617 section 3.5: Mufasa / testrealm@host.com / Circle Of Life
        assertThat(realm.digest("Mufasa", "testrealm@host.com", "md5", "Circle Of Life"))
                .isEqualTo("939e7578ed9e3c518a452acee763bce9");
        assertThat(realm.digest("alice", "", "", "x")).hasSize(32);
        assertThat(realm.digest("alice", "", "sha-256", "x")).hasSize(64);
    }

    @Test
    void enableDisableRenameReloadAndUndoWhenTheDropInIsBroken() throws Exception {
        LiveConfig config = Fixtures.live(dir);
        Files.createDirectories(dir.resolve("sipwitch.d"));
        Files.writeString(dir.resolve("sipwitch.d/good.xml.disabled"),
                "<sipwitch><timers><ring>6</ring></timers></sipwitch>\n");
        Files.writeString(dir.resolve("sipwitch.d/bad.xml.disabled"), "<sipwitch><timers><ring>6</ring></sipwitch>\n");
        ServerBean server = new ServerBean(config, new ManagementHooks(config), new Events(new EventLog(10)), s -> { },
                new DiagnosticReport(config, dir, Map::of), s -> { });
        ConfigBean bean = new ConfigBean(config, server, new GroupGrant(dir, dir));

        bean.enable("good");
        assertThat(dir.resolve("sipwitch.d/good.xml")).exists();
        assertThat(config.current().timers().ring()).isEqualTo(6);
        assertThat(bean.getEffectiveConfig()).contains("timers.ring = 6").doesNotContain(Fixtures.SECRET);

        assertThatThrownBy(() -> bean.enable("bad")).hasMessageContaining("undone").hasMessageContaining("bad.xml:1");
        assertThat(dir.resolve("sipwitch.d/bad.xml.disabled")).exists();
        assertThatThrownBy(() -> bean.enable("nosuch")).hasMessageContaining("no drop-in \"nosuch\"");

        bean.disable("good");
        assertThat(config.current().timers().ring()).isEqualTo(4);
    }

    @Test
    void grantRefusesAnUnknownGroup() throws Exception {
        GroupGrant grant = new GroupGrant(dir, dir);
        assertThatThrownBy(() -> grant.grant("no-such-group-xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown group 'no-such-group-xyz'");
    }

    @Test
    void policyListsAccessBlockedSourcesAndThePublishedAddress() throws Exception {
        LiveConfig config = Fixtures.live(dir);
        ManagementHooks hooks = new ManagementHooks(config);
        PolicyBean policy = new PolicyBean(config, hooks);
        assertThat(policy.getPolicy().published()).isEqualTo("127.0.0.1:5099");
        assertThat(policy.getPolicy().entries()).containsExactly(new PolicyEntry("trusted", "127.0.0.0/8"),
                new PolicyEntry("restricted", "10.0.0.0/8"));
        hooks.policy(new PolicySource() {
            @Override
            public java.util.List<PolicyEntry> blocked() {
                return java.util.List.of(PolicyEntry.blocked("192.0.2.9", 1_000, 601_000, 10, "alice"));
            }

            @Override
            public java.util.Optional<String> published() {
                return java.util.Optional.of("pbx.example.net:5060");
            }
        });
        assertThat(policy.getPolicy().published()).isEqualTo("pbx.example.net:5060");
        assertThat(policy.getPolicy().entries()).contains(new PolicyEntry("blocked", "", "192.0.2.9", "alice", 1_000,
                "1970-01-01T00:00:01Z", 601_000, "1970-01-01T00:10:01Z", 10, ""));
    }

    @Test
    void sipOperationsWithoutTheSipSideFailClearly() throws Exception {
        ManagementHooks hooks = new ManagementHooks(Fixtures.live(dir));
        assertThat(new RegistryBean(hooks).getRegistrations()).isEmpty();
        assertThat(new CallsBean(hooks).getCalls()).isEmpty();
        assertThatThrownBy(() -> new RegistryBean(hooks).release("201")).hasMessage("registrar not available in this daemon");
        assertThatThrownBy(() -> new CallsBean(hooks).drop("alice")).hasMessageContaining("not available");
        assertThatThrownBy(() -> new MessagesBean(hooks).send("201", "hi")).hasMessageContaining("not available");
    }
}
