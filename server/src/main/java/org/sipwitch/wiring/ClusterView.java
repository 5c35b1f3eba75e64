package org.sipwitch.wiring;

import java.util.List;
import org.sipwitch.management.ClusterSource;
import org.sipwitch.mbeans.ClusterNode;
import org.sipwitch.sip.cluster.Cluster;
import org.sipwitch.sip.cluster.ClusterStatus;

/** The node's cluster as management's {@link ClusterSource}: each read takes a fresh status. */
final class ClusterView implements ClusterSource {
    private final Cluster cluster;

    ClusterView(Cluster cluster) {
        this.cluster = cluster;
    }

    private ClusterStatus status() {
        return cluster.status();
    }

    @Override
    public String node() {
        return status().node();
    }

    @Override
    public String store() {
        return status().store();
    }

    @Override
    public String state() {
        return status().state().label();
    }

    @Override
    public String lastError() {
        return status().lastError();
    }

    @Override
    public long lastContact() {
        return status().lastContact();
    }

    @Override
    public int pendingWrites() {
        return status().pendingWrites();
    }

    @Override
    public List<ClusterNode> nodes() {
        ClusterStatus s = status();
        return s.nodes().stream().map(n -> new ClusterNode(n.name(), n.address(), n.alive(), n.lastSeen(),
                n.name().equals(s.node()))).toList();
    }
}
