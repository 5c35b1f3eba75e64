package org.sipwitch.mbeans;

/**
 * One node of the cluster, as this node sees it.
 *
 * @param name     the node's name ({@code <node>} of its {@code <cluster>})
 * @param address  where it takes SIP from the other nodes ({@code sip:host:port;transport=...})
 * @param alive    its liveness key exists in the store: it said it was alive within the liveness period
 * @param lastSeen when this node last found it alive (epoch millis); 0 if never
 * @param lastSeenIso the same as ISO-8601 UTC text (empty for 0)
 * @param self     true for the node answering
 */
public record ClusterNode(String name, String address, boolean alive, long lastSeen, String lastSeenIso,
                          boolean self) {

    /** With {@code lastSeenIso} made from the epoch value. */
    public ClusterNode(String name, String address, boolean alive, long lastSeen, boolean self) {
        this(name, address, alive, lastSeen, Iso.of(lastSeen), self);
    }
}
