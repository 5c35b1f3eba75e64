package org.sipwitch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code <jmx>}: the remote JMX connector. Absent from the config = no remote JMX (the
 * local attach API and the FIFO bridge still work).
 *
 * @param interfaceAddress address to bind, an IP literal; loopback by default
 * @param port             RMI registry/connector port; 0 = pick a free one
 * @param tls              use TLS (with the stack keystore) for the connector
 * @param passwordFile     JMX password file (must be private to the daemon's user)
 * @param accessFile       JMX access file (roles)
 */
public record JmxConfig(String interfaceAddress, int port, boolean tls, Path passwordFile, Path accessFile) {

    public JmxConfig {
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(accessFile, "accessFile");
    }
}
