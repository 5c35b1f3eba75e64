package org.sipwitch.sip.cluster;

import java.util.Objects;

/**
 * What a node of a cluster needs to know, in the cluster's own terms (filled from
 * {@code <cluster>} by the SIP server).
 *
 * @param node           this node's name, unique in the cluster
 * @param redisUri       the Lettuce URI of the shared store ({@code redis://}, {@code rediss://},
 *                       {@code redis-sentinel://}, {@code redis-socket://}); may carry a password,
 *                       so it is never printed: use {@code redisShown}
 * @param redisShown     the same without credentials, for logs and the Cluster MBean
 * @param address        where other nodes reach this node's SIP ({@code host:port} or
 *                       {@code host:port;transport=tcp}), or null for this node's own listener
 * @param secret         the shared secret that signs node-to-node requests
 * @param livenessMillis a node not heard of for this long is down and its phones unreachable
 */
public record ClusterSettings(String node, String redisUri, String redisShown, String address, byte[] secret,
                              long livenessMillis) {
    public ClusterSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(redisShown, "redisShown");
        Objects.requireNonNull(secret, "secret");
        if (livenessMillis < 300) {
            throw new IllegalArgumentException("liveness below 300 ms");
        }
    }

    /** How often this node says it is alive: three beats per liveness period. */
    public long beatMillis() {
        return Math.max(100, livenessMillis / 3);
    }

    @Override
    public String toString() {
        return "ClusterSettings[node=" + node + ", redis=" + redisShown + ", address=" + address + ", liveness="
                + livenessMillis + " ms]";
    }
}
