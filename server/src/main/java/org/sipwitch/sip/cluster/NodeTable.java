package org.sipwitch.sip.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in the cluster and who is alive, as the last heartbeat read it from the shared
 * store. Read by call routing on any lane (never blocks), written by the cluster thread.
 * A node is alive while its liveness key exists; it is never forgotten, so the operator
 * sees when a dead one was last seen.
 */
public final class NodeTable {
    private final String self;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();

    NodeTable(String self) {
        this.self = self;
    }

    public String self() {
        return self;
    }

    /** True for this node, for a node seen alive at the last heartbeat, and for bindings of no node. */
    public boolean alive(String node) {
        if (node == null || node.equals(self)) {
            return true;
        }
        NodeState s = nodes.get(node);
        return s != null && s.alive();
    }

    public NodeState get(String node) {
        return nodes.get(node);
    }

    /** Records what the store said about a node; returns its state before (null the first time). */
    NodeState update(NodeState state) {
        return nodes.put(state.name(), state);
    }

    /** Every node known, this one included, by name. */
    public List<NodeState> all() {
        List<NodeState> out = new ArrayList<>(nodes.values());
        out.sort(Comparator.comparing(NodeState::name));
        return out;
    }
}
