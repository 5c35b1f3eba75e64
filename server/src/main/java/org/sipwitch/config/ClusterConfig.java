package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <cluster>}: this server is one node of several that share registrations and
 * calls through Redis. Absent = a single server (registrations journalled in the state
 * directory).
 *
 * @param node            this node's name, unique among the nodes
 * @param redis           the Lettuce URI of the store; a secret, since it may carry a password
 * @param redisShown      the same URI without user and password, for logs and dumps
 * @param address         {@code host:port[;transport=udp|tcp|tls]} where the other nodes reach
 *                        this node's SIP; empty = this node's own listener (TCP when it has one)
 * @param secret          the shared secret that signs node-to-node requests
 * @param livenessSeconds a node silent this long is down: its phones are unreachable
 */
public record ClusterConfig(String node, Secret redis, String redisShown, Optional<String> address, Secret secret,
                            int livenessSeconds) {
    public ClusterConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(redisShown, "redisShown");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
    }
}
