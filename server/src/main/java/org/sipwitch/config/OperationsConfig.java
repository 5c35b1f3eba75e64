package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon offers the people who run it besides JMX and sipwitchctl: the
 * Prometheus endpoint and call detail records.
 *
 * @param metrics {@code <metrics>}, empty when the section is absent (no endpoint)
 * @param cdr     {@code <cdr>}, defaults when absent (records on, 90 days)
 */
public record OperationsConfig(Optional<MetricsConfig> metrics, CdrConfig cdr) {

    public OperationsConfig {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(cdr, "cdr");
    }
}
