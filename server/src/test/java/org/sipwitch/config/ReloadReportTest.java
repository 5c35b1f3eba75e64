package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload says it did, and what the dump says is in force. */
class ReloadReportTest {

    @TempDir
    Path dir;

    private static final String USERS = "<provision><user id=\"alice\"><secret>one</secret></user>"
            + "<user id=\"bob\"><secret>two</secret></user></provision>";

    @Test
    void liveSettingsAreAppliedListenersWaitForARestart() throws Exception {
        Path file = main(dir, "<sipwitch><stack><port>5070</port></stack>" + USERS + "</sipwitch>");
        LiveConfig live = new LiveConfig(file);
        SipwitchConfig before = live.current();

        main(dir, "<sipwitch><stack><port>5080</port><mapped>10</mapped></stack>"
                + "<registry><nonce-lifetime>30</nonce-lifetime></registry>"
                + "<provision><user id=\"alice\"><secret>changed</secret></user>"
                + "<user id=\"carol\"><secret>three</secret></user></provision>"
                + "<timers><shutdown>2</shutdown></timers></sipwitch>");
        live.reload();
        List<String> report = ConfigChanges.report(before, live);

        assertThat(report).containsExactly("registry.nonce-lifetime: applied", "timers.shutdown: applied",
                "provision.user: applied (added carol; changed alice; removed bob)",
                "stack.port: needs restart", "stack.mapped: needs restart");
        assertThat(live.current().registry().nonceLifetime()).isEqualTo(30);
        assertThat(live.current().stack().port()).as("in force until a restart").isEqualTo(5070);
        assertThat(String.join("\n", ConfigDump.lines(live)))
                .contains("stack.port = 5070  [the files say 5080: needs restart]")
                .contains("registry.nonce-lifetime = 30\n")
                .doesNotContain("changed").doesNotContain("three");

        live.rebinding();
        assertThat(live.current().stack().port()).isEqualTo(5080);
        assertThat(ConfigChanges.report(live.current(), live)).isEmpty();
    }

    @Test
    void liveChangesShowInTheDumpUntilTheNextReload() throws Exception {
        Path file = main(dir, "<sipwitch><registry><realm>files</realm></registry></sipwitch>");
        LiveConfig live = new LiveConfig(file);
        live.adjust(Set.of("stack.concurrency"), c -> c.withStack(c.stack().withConcurrency(3)));
        assertThat(String.join("\n", ConfigDump.lines(live))).contains("stack.concurrency = 3  [set live; the files say ");

        SipwitchConfig before = live.current();
        live.reload();
        assertThat(ConfigChanges.report(before, live)).containsExactly("stack.concurrency: applied");
        assertThat(live.current().stack().concurrency()).isEqualTo(Rules.autoConcurrency());
        assertThat(live.liveKeys()).isEmpty();
    }

    @Test
    void remoteJmxNeedsTheDaemonRestarted() throws Exception {
        Path file = main(dir, "<sipwitch/>");
        LiveConfig live = new LiveConfig(file);
        SipwitchConfig before = live.current();
        main(dir, "<sipwitch><jmx><port>0</port></jmx></sipwitch>");
        live.reload();
        assertThat(ConfigChanges.report(before, live)).singleElement().asString()
                .startsWith("jmx: needs the daemon restarted");
        assertThat(live.current().jmx()).isEmpty();
    }

    @Test
    void metricsAndCallRecordsNeedTheDaemonRestarted() throws Exception {
        Path file = main(dir, "<sipwitch/>");
        LiveConfig live = new LiveConfig(file);
        SipwitchConfig before = live.current();
        main(dir, "<sipwitch><metrics><port>0</port></metrics><cdr><retention>7</retention></cdr></sipwitch>");
        live.reload();
        assertThat(ConfigChanges.report(before, live)).containsExactlyInAnyOrder(
                "metrics: " + ConfigChanges.needs("metrics"), "cdr: " + ConfigChanges.needs("cdr"));
        assertThat(ConfigChanges.needs("cdr")).startsWith("needs the daemon restarted");
        assertThat(live.current().operations()).isEqualTo(before.operations());
    }
}
