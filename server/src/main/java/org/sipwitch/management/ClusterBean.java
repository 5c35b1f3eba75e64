package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.ClusterMXBean;
import org.sipwitch.mbeans.ClusterNode;
import org.sipwitch.mbeans.HealthCheck;

/** {@code sipwitch:type=Cluster}: read-only; the SIP side plugs its cluster in ({@link ClusterSource}). */
final class ClusterBean implements ClusterMXBean {
    private final ManagementHooks hooks;

    ClusterBean(ManagementHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public String getNode() {
        return hooks.cluster().node();
    }

    @Override
    public String getStore() {
        return hooks.cluster().store();
    }

    @Override
    public String getStoreState() {
        return hooks.cluster().state();
    }

    @Override
    public String getLastError() {
        return hooks.cluster().lastError();
    }

    @Override
    public long getLastContact() {
        return hooks.cluster().lastContact();
    }

    @Override
    public int getPendingWrites() {
        return hooks.cluster().pendingWrites();
    }

    @Override
    public List<ClusterNode> getNodes() {
        return hooks.cluster().nodes();
    }

    /** The {@code check} line: none without a cluster; a failure while the store does not answer. */
    static List<HealthCheck> check(ClusterSource c) {
        if (c.state().equals("off")) {
            return List.of();
        }
        long alive = c.nodes().stream().filter(ClusterNode::alive).count();
        String nodes = alive + " of " + c.nodes().size() + " nodes alive";
        if (c.state().equals("up")) {
            return List.of(new HealthCheck("cluster", true, "node " + c.node() + ", store " + c.store() + " up, "
                    + nodes));
        }
        return List.of(new HealthCheck("cluster", false, "node " + c.node() + ", store " + c.store() + " "
                + c.state() + (c.lastError().isEmpty() ? "" : " (" + c.lastError() + ")")
                + ": serving this node's phones from local state, " + c.pendingWrites()
                + " users' changes to write back; " + nodes + " when last seen"));
    }

    /** The {@code policy} line. */
    static String summary(ClusterSource c) {
        return "node " + c.node() + " store " + c.store() + " " + c.state();
    }
}
