package org.sipwitch.config;

import java.util.Objects;

/**
 * {@code <metrics>}: the Prometheus {@code /metrics} endpoint. Absent from the config =
 * no endpoint.
 *
 * @param interfaceAddress address to bind, an IP literal; loopback by default
 * @param port             HTTP port; 0 = pick a free one (the daemon prints which)
 */
public record MetricsConfig(String interfaceAddress, int port) {

    public MetricsConfig {
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }
}
