package org.sipwitch.sip.transport;

import java.time.Duration;

/**
 * What one source may hold of the stream listeners, so one address cannot take every
 * connection slot and a slow sender cannot keep one for ever.
 *
 * @param perSource   TCP/TLS connections one source address may hold at once (inbound)
 * @param headTimeout how long a message head may take from its first byte; zero for no limit
 */
public record ConnectionLimits(int perSource, Duration headTimeout) {

    public ConnectionLimits {
        if (perSource < 1) {
            throw new IllegalArgumentException("perSource must be at least 1: " + perSource);
        }
        if (headTimeout.isNegative()) {
            throw new IllegalArgumentException("negative head timeout");
        }
    }

    /** The defaults of {@code <connections-per-source>} and {@code <head-timeout>}. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(250, Duration.ofSeconds(10));
    }
}
