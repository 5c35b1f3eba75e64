package org.sipwitch.management;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.sipwitch.config.JmxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote JMX connector of {@code <jmx>}: the RMI registry and the connector share
 * ONE port (firewall-friendly), bound to the configured interface, password
 * authentication always on ({@link PasswordAuthenticator}), roles enforced by
 * {@link RoleGuard}. It also writes {@code <run-dir>/jmx} (the service URL and the
 * password file's path, no password) so that {@code scripts/sipwitch-jmx} finds it.
 */
final class RemoteJmx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);
    static final String RUN_FILE = "jmx";

    private final JMXConnectorServer connector;
    private final Registry registry;
    private final Path runFile;
    private final int port;
    private final String host;

    private RemoteJmx(JMXConnectorServer connector, Registry registry, Path runFile, int port, String host) {
        this.connector = connector;
        this.registry = registry;
        this.runFile = runFile;
        this.port = port;
        this.host = host;
    }

    /**
     * The password file: the configured one when it exists (the operator made it),
     * else {@code <state-dir>/jmxremote.password}, created with random passwords.
     */
    static Path passwordFile(JmxConfig jmx, Path stateDir) {
        return Files.exists(jmx.passwordFile()) ? jmx.passwordFile() : stateDir.resolve(JmxPasswordFile.NAME);
    }

    static RemoteJmx start(JmxConfig jmx, MBeanServer mbs, Path stateDir, Path runDir) throws IOException {
        if (jmx.tls()) {
            // refuse rather than silently serve passwords in clear when TLS was asked for
            throw new IOException("<jmx><tls>true</tls> is not supported yet; use a loopback <interface> "
                    + "(and an SSH tunnel) instead");
        }
        Path passwords = passwordFile(jmx, stateDir);
        if (JmxPasswordFile.createIfMissing(passwords)) {
            LOG.info("created remote JMX credentials (users control and monitor) in {}", passwords);
        }
        Map<String, String> users = JmxPasswordFile.read(passwords);
        InetAddress address = InetAddress.getByName(jmx.interfaceAddress());
        String host = address.getHostAddress();
        String urlHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        // the connector's stub must name the address we bind, not the machine's host name
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", host);
        }
        BoundServerSocketFactory sockets = new BoundServerSocketFactory(address);
        int port = jmx.port() != 0 ? jmx.port() : sockets.freePort();
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnectorServer.AUTHENTICATOR, new PasswordAuthenticator(users));
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            // credentials: the JDK's default filter already admits only String and String[]
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + urlHost + ":" + port
                    + "/jndi/rmi://" + urlHost + ":" + port + "/jmxrmi");
            JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbs);
            connector.setMBeanServerForwarder(RoleGuard.create());
            connector.start();
            Path runFile = writeRunFile(runDir, connector.getAddress(), passwords);
            LOG.info("remote JMX listening on {} (password file {})", connector.getAddress(), passwords);
            return new RemoteJmx(connector, registry, runFile, port, urlHost);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** {@code jmx://127.0.0.1:PORT} for the daemon's "listening on" lines. */
    String listening() {
        return "jmx://" + host + ":" + port;
    }

    static void removeRunFile(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(RUN_FILE));
        } catch (IOException ignored) {
            // the next start rewrites or removes it
        }
    }

    private static Path writeRunFile(Path runDir, JMXServiceURL url, Path passwords) throws IOException {
        Path file = runDir.resolve(RUN_FILE);
        Path tmp = runDir.resolve(RUN_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.write(tmp, List.of("url=" + url, "password-file=" + passwords.toAbsolutePath()), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.debug("stopping the JMX connector: {}", e.toString());
        }
        unexport(registry);
        try {
            Files.deleteIfExists(runFile);
        } catch (IOException ignored) {
            // harmless: rewritten or removed at the next start
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException ignored) {
            // already gone
        }
    }
}
