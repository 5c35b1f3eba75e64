package org.sipwitch.mbeans;

import java.util.List;

/**
 * {@code sipwitch:type=Cluster}: this node, the shared store and the other nodes of a
 * {@code <cluster>}. Without one, {@code StoreState} is {@code off} and there are no nodes.
 * Verb: cluster.
 */
@Description("The nodes sharing registrations through Redis, and the state of the shared store")
public interface ClusterMXBean {

    @Description("This node's name; empty when the server is not in a cluster")
    String getNode();

    @Description("The shared store (Redis URI without user or password); empty when not in a cluster")
    String getStore();

    @Description("off (no cluster), connecting, up, or down (serving this node's phones from local state)")
    String getStoreState();

    @Description("Why the store last failed to answer; empty when it never did")
    String getLastError();

    @Description("When the store last answered (epoch millis); 0 if never")
    long getLastContact();

    @Description("Users whose registration changes wait to be written to the store")
    int getPendingWrites();

    @Description("Every node known, this one included, alive or not, with when it was last seen (verb: cluster)")
    List<ClusterNode> getNodes();
}
