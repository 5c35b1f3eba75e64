package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.config.ConfigFiles.failsAt;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <metrics>} and {@code <cdr>}: defaults, values, and errors that name file and line. */
class OperationsConfigTest {

    @TempDir
    Path dir;

    @Test
    void absentSectionsMeanNoEndpointAndRecordsOn() throws Exception {
        OperationsConfig ops = ConfigLoader.load(main(dir, "<sipwitch/>")).operations();
        assertThat(ops.metrics()).isEmpty();
        assertThat(ops.cdr().enabled()).isTrue();
        assertThat(ops.cdr().retentionDays()).isEqualTo(90);
        assertThat(ops.cdr().jdbc()).isEmpty();
    }

    @Test
    void valuesAreReadAndTheDumpMasksThePassword() throws Exception {
        SipwitchConfig c = ConfigLoader.load(main(dir, """
                <sipwitch>
                  <metrics><port>0</port></metrics>
                  <cdr><retention>7</retention><recent>5</recent>
                    <jdbc><url>jdbc:postgresql://127.0.0.1/cdr?password=hunter2</url><user>sw</user>
                      <password>s3cret-db</password><table>billing.calls</table></jdbc></cdr>
                </sipwitch>
                """));
        assertThat(c.operations().metrics().orElseThrow()).isEqualTo(new MetricsConfig("127.0.0.1", 0));
        CdrConfig cdr = c.operations().cdr();
        assertThat(java.util.List.of(cdr.retentionDays(), cdr.recent())).containsExactly(7, 5);
        assertThat(cdr.jdbc().orElseThrow().table()).isEqualTo("billing.calls");
        String dump = String.join("\n", ConfigDump.lines(c));
        assertThat(dump).contains("metrics.port = 0", "cdr.retention = 7 days", "cdr.jdbc.table = billing.calls",
                "cdr.jdbc.password = ****", "password=****").doesNotContain("s3cret-db", "hunter2");
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefused() {
        Path file = main(dir, """
                <sipwitch>
                  <cdr><jdbc><url>jdbc:postgresql://h/db</url>
                    <table>cdr; DROP TABLE x</table></jdbc></cdr>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("<table> of <jdbc> must be a plain SQL name");
    }

    @Test
    void badMetricsInterfaceAndNonJdbcUrlNameTheirLines() {
        Path metrics = main(dir, "<sipwitch>\n<metrics>\n<interface>example.org</interface></metrics></sipwitch>");
        failsAt(metrics, 3).hasMessageContaining("<interface> of <metrics> must be an IPv4 or IPv6 address");
        Path url = main(dir, "<sipwitch>\n<cdr><jdbc>\n<url>postgres://h/db</url></jdbc></cdr></sipwitch>");
        failsAt(url, 3).hasMessageContaining("must be a JDBC URL");
    }

    @Test
    void metricsOffLoopbackIsAWarning() throws Exception {
        SipwitchConfig c = ConfigLoader.load(main(dir, "<sipwitch><metrics><interface>0.0.0.0</interface>"
                + "</metrics></sipwitch>"));
        assertThat(c.warnings()).anyMatch(w -> w.contains("/metrics listens on 0.0.0.0 without authentication"));
    }
}
