package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;

/**
 * Remote JMX over TLS with the SIP listener's PKCS12 keystore, an operator's own password
 * file and an access file that gives the roles: what JConsole does with "Use SSL".
 */
class RemoteJmxTlsIT {

    @TempDir
    static Path work;

    static DaemonProcess daemon;
    static SSLContext previousDefault;

    @BeforeAll
    static void start() throws Exception {
        Path p12 = TestCertificates.serverKeystore(work);
        Path passwords = work.resolve("jmx.password");
        Files.createFile(passwords, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(passwords, List.of("ops ops-pw-1", "control control-pw-2", "auditor auditor-pw-3"));
        Files.write(work.resolve("jmx.access"), List.of("# who may do what", "ops readwrite",
                "control readonly create javax.management.monitor.*"));
        Path config = new TestConfig().user("alice", "201", "alice-secret-123").transports("udp tls")
                .stack(TestCertificates.stackXml(p12))
                .section("  <jmx><port>0</port><tls>true</tls><password-file>jmx.password</password-file>"
                        + "<access-file>jmx.access</access-file></jmx>\n").write(work);
        daemon = DaemonProcess.start(config, work);
        // the connector's stub makes clients use the default SSL context, as JConsole's -J-Djavax.net.ssl.trustStore
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(TestCertificates.clientTrusting(p12));
    }

    @AfterAll
    static void stop() throws Exception {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static JMXConnector connect(String user, String password, boolean tls) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        if (tls) {
            env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory()); // the registry speaks TLS too
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(Tools.runFile(daemon).get("url")), env);
    }

    @Test
    void listensWithTlsAndSaysSo() throws Exception {
        assertThat(daemon.stdout()).anyMatch(l -> l.matches("sipwitch: listening on jmxs://127\\.0\\.0\\.1:\\d+"));
        assertThat(Tools.runFile(daemon)).containsEntry("tls", "true");
        assertThat(String.join("\n", daemon.stderr())).doesNotContain(TestCertificates.PASSWORD)
                .doesNotContain("ops-pw-1");
    }

    @Test
    void aClientWithoutTlsGetsNothing() {
        assertThatThrownBy(() -> connect("ops", "ops-pw-1", false).close()).isInstanceOf(IOException.class);
    }

    @Test
    void theAccessFileGivesTheRoles() throws Exception {
        try (JMXConnector c = connect("ops", "ops-pw-1", true)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            assertThat(mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"}, new String[] {"java.lang.String"}))
                    .isEqualTo(true);
            mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"off"}, new String[] {"java.lang.String"});
        }
        try (JMXConnector c = connect("control", "control-pw-2", true)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            assertThat(mbs.getAttribute(ObjectNames.SERVER, "State")).isEqualTo("up");
            assertThatThrownBy(() -> mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"},
                    new String[] {"java.lang.String"})).isInstanceOf(SecurityException.class)
                    .hasMessageContaining("monitor role is read-only");
        }
        assertThatThrownBy(() -> connect("auditor", "auditor-pw-3", true).close())
                .isInstanceOf(SecurityException.class).hasMessageContaining("no role");
        assertThatThrownBy(() -> connect("ops", "wrong", true).close())
                .isInstanceOf(SecurityException.class).hasMessageContaining("authentication failed");
    }
}
