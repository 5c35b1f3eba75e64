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
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.sipwitch.config.JmxConfig;
import org.sipwitch.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote JMX connector of {@code <jmx>}: the RMI registry and the connector share
 * ONE port (firewall-friendly), bound to the configured interface, password
 * authentication always on ({@link PasswordAuthenticator}), roles from the access file
 * ({@link JmxAccessFile}) enforced by ObjectName ({@link RoleGuard}), TLS on request with
 * the SIP keystore ({@link JmxTls}). It also writes {@code <run-dir>/jmx} (the service URL and the
 * password file's path, no password) so that {@code scripts/sipwitch-jmx} finds it.
 */
final class RemoteJmx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);
    static final String RUN_FILE = "jmx";
    private static final String BINDING = "jmxrmi";

    private final JMXConnectorServer connector;
    private final Registry registry;
    private final Path runFile;
    private final int port;
    private final String host;
    private final boolean tls;

    private RemoteJmx(JMXConnectorServer connector, Registry registry, Path runFile, int port, String host,
                      boolean tls) {
        this.tls = tls;
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

    /**
     * @param stackTls the SIP listener's keystore, which {@code <jmx><tls>true</tls>} uses too
     */
    static RemoteJmx start(JmxConfig jmx, Optional<TlsConfig> stackTls, MBeanServer mbs, Path stateDir, Path runDir)
            throws IOException {
        SSLContext tls = null;
        if (jmx.tls()) {
            // refuse rather than silently serve passwords in clear when TLS was asked for
            TlsConfig keystore = stackTls.orElseThrow(() -> new IOException(
                    "<jmx><tls>true</tls> needs the keystore of <stack><tls><keystore>, and there is none"));
            tls = JmxTls.serverContext(keystore);
        }
        Path passwords = passwordFile(jmx, stateDir);
        if (JmxPasswordFile.createIfMissing(passwords)) {
            LOG.info("created remote JMX credentials (users control and monitor) in {}", passwords);
        }
        Map<String, String> users = JmxPasswordFile.read(passwords);
        Map<String, JmxRole> roles = JmxAccessFile.readOrDefaults(jmx.accessFile());
        InetAddress address = InetAddress.getByName(jmx.interfaceAddress());
        String host = address.getHostAddress();
        String urlHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        // the connector's stub must name the address we bind, not the machine's host name
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", host);
        }
        BoundServerSocketFactory sockets = new BoundServerSocketFactory(address, tls);
        // with TLS the stubs tell clients to speak TLS to the registry and the connector alike
        RMIClientSocketFactory clientSockets = tls == null ? null : new SslRMIClientSocketFactory();
        int port = jmx.port() != 0 ? jmx.port() : sockets.freePort();
        Registry registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
        JMXConnectorServer connector = null;
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnectorServer.AUTHENTICATOR, new PasswordAuthenticator(users, roles.keySet()));
            // credentials: the JDK's default filter already admits only String and String[]
            RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, clientSockets, sockets, env);
            connector = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + urlHost + ":" + port), env, server, mbs);
            connector.setMBeanServerForwarder(RoleGuard.create(roles));
            connector.start();
            // bound locally in our own registry: no JNDI round trip, which TLS would complicate
            registry.rebind(BINDING, server.toStub());
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + urlHost + ":" + port
                    + "/jndi/rmi://" + urlHost + ":" + port + "/" + BINDING);
            Path runFile = writeRunFile(runDir, url, passwords, tls != null);
            LOG.info("remote JMX listening on {}{} (password file {}, access {})", url, tls != null ? " with TLS" : "",
                    passwords, Files.exists(jmx.accessFile()) ? jmx.accessFile() : "control readwrite, monitor readonly");
            return new RemoteJmx(connector, registry, runFile, port, urlHost, tls != null);
        } catch (IOException | RuntimeException e) {
            if (connector != null) {
                stopQuietly(connector);
            }
            unexport(registry);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** {@code jmx://127.0.0.1:PORT} for the daemon's "listening on" lines. */
    String listening() {
        return (tls ? "jmxs://" : "jmx://") + host + ":" + port;
    }

    static void removeRunFile(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(RUN_FILE));
        } catch (IOException ignored) {
            // the next start rewrites or removes it
        }
    }

    private static Path writeRunFile(Path runDir, JMXServiceURL url, Path passwords, boolean tls) throws IOException {
        Path file = runDir.resolve(RUN_FILE);
        Path tmp = runDir.resolve(RUN_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.write(tmp, List.of("url=" + url, "password-file=" + passwords.toAbsolutePath(),
                "tls=" + tls), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    @Override
    public void close() {
        stopQuietly(connector);
        unexport(registry);
        try {
            Files.deleteIfExists(runFile);
        } catch (IOException ignored) {
            // harmless: rewritten or removed at the next start
        }
    }

    private static void stopQuietly(JMXConnectorServer connector) {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.debug("stopping the JMX connector: {}", e.toString());
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
