package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK access-file format mapped onto the two roles, and what each role may touch. */
class JmxAccessFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheJdkFormatAndIgnoresCreateClauses() throws IOException {
        Path file = Files.write(dir.resolve("access"), List.of("# roles", "", "ops   readwrite",
                "watch readonly", "admin readwrite create javax.management.monitor.*,javax.management.timer.* unregister"));
        assertThat(JmxAccessFile.read(file)).containsOnly(
                java.util.Map.entry("ops", JmxRole.CONTROL), java.util.Map.entry("watch", JmxRole.MONITOR),
                java.util.Map.entry("admin", JmxRole.CONTROL));
    }

    @Test
    void aBadLevelNamesFileAndLine() throws IOException {
        Path file = Files.write(dir.resolve("access"), List.of("ops readwrite", "watch everything"));
        assertThatThrownBy(() -> JmxAccessFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ":2: expected 'user readonly' or 'user readwrite'");
    }

    @Test
    void withoutTheFileControlAndMonitorHaveTheirRoles() throws IOException {
        assertThat(JmxAccessFile.readOrDefaults(dir.resolve("none")))
                .containsEntry("control", JmxRole.CONTROL).containsEntry("monitor", JmxRole.MONITOR).hasSize(2);
    }

    @Test
    void rolesByDomain() throws Exception {
        ObjectName server = new ObjectName("sipwitch:type=Server");
        ObjectName memory = new ObjectName("java.lang:type=Memory");
        ObjectName hotspot = new ObjectName("com.sun.management:type=HotSpotDiagnostic");
        assertThat(JmxRole.CONTROL.mayWrite(server)).isTrue();
        assertThat(JmxRole.CONTROL.mayWrite(memory)).isFalse();
        assertThat(JmxRole.CONTROL.mayWrite(hotspot)).isFalse();
        assertThat(JmxRole.CONTROL.mayWrite(new ObjectName("sipwit*:type=Server"))).isFalse();
        assertThat(JmxRole.CONTROL.mayRead(hotspot)).isTrue();
        assertThat(JmxRole.MONITOR.mayRead(server)).isTrue();
        assertThat(JmxRole.MONITOR.mayRead(memory)).isTrue();
        assertThat(JmxRole.MONITOR.mayRead(hotspot)).isFalse();
        assertThat(JmxRole.MONITOR.mayWrite(server)).isFalse();
    }
}
