package org.sipwitch.sip.cluster;

import java.util.List;

/**
 * The cluster as this node sees it, for management.
 *
 * @param node          this node's name
 * @param store         the store's URI without credentials
 * @param state         whether the store answers
 * @param lastError     why it did not, the last time (empty when it never failed)
 * @param lastContact   when it last answered (epoch millis), 0 if never
 * @param pendingWrites users whose changes wait to be written to the store
 * @param nodes         every node known, this one included
 */
public record ClusterStatus(String node, String store, StoreState state, String lastError, long lastContact,
                            int pendingWrites, List<NodeState> nodes) {
}
