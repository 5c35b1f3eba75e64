package org.sipwitch.sip.cluster;

import org.sipwitch.sip.net.Peer;

/**
 * One node of the cluster as this node sees it.
 *
 * @param name       the node's name
 * @param address    where it takes SIP ({@code sip:host:port;transport=...} as it published it)
 * @param peer       the same as a socket address, or null when it could not be read
 * @param lastSeen   when its liveness key was last found (epoch millis), 0 if never
 * @param alive      its liveness key exists: it beat within the liveness period
 */
public record NodeState(String name, String address, Peer peer, long lastSeen, boolean alive) {
}
