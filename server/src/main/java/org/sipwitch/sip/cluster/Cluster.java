package org.sipwitch.sip.cluster;

import java.time.Clock;
import java.util.function.Supplier;
import org.sipwitch.sip.call.NodeRoutes;
import org.sipwitch.sip.location.InMemoryLocationService;

/**
 * One node of a cluster, assembled: the shared location service, the node-to-node hop
 * for calls, and the cluster thread that keeps both in step with the store.
 *
 * <pre>
 * Cluster cluster = Cluster.create(settings, memory, clock, () -> "sip:10.0.0.1:5060;transport=tcp");
 * registrar uses cluster.location(); calls.setNodeRoutes(cluster.routes());
 * transports.start(); cluster.start();
 * </pre>
 */
public final class Cluster implements AutoCloseable {
    private final ClusterSettings settings;
    private final NodeTable nodes;
    private final ClusterLocationService location;
    private final NodeHops routes;
    private final ClusterSync sync;

    private Cluster(ClusterSettings settings, InMemoryLocationService memory, Clock clock, Supplier<String> address) {
        this.settings = settings;
        this.nodes = new NodeTable(settings.node());
        this.location = new ClusterLocationService(memory, nodes, clock);
        this.routes = new NodeHops(nodes, new NodeProof(settings.node(), settings.secret(), clock));
        this.sync = new ClusterSync(settings, location, nodes, clock, address);
    }

    /**
     * A node on the given (empty) memory; nothing runs before {@link #start}.
     *
     * @param address this node's published SIP address; asked at every beat
     * @throws IllegalArgumentException when the Redis URI is not one Lettuce takes
     */
    public static Cluster create(ClusterSettings settings, InMemoryLocationService memory, Clock clock,
                                 Supplier<String> address) {
        try {
            return new Cluster(settings, memory, clock, address);
        } catch (IllegalArgumentException e) {
            // Lettuce's message may quote the URI, password and all
            throw new IllegalArgumentException("<redis> of <cluster> (" + settings.redisShown()
                    + ") is not a URI the Redis client takes: " + ClusterSync.describe(e), e);
        }
    }

    /**
     * Starts the cluster thread once the listeners are bound; returns at once. The store is
     * reached in the background: a node whose store is down at start serves its own phones
     * and joins when it answers.
     */
    public void start() {
        sync.start();
    }

    /** {@code host:port} or a full address, as {@code sip:...;transport=...} for the other nodes. */
    public static String address(String hostPort, org.sipwitch.sip.net.Transport transport) {
        return NodeAddress.format(hostPort, transport);
    }

    public ClusterLocationService location() {
        return location;
    }

    public NodeRoutes routes() {
        return routes;
    }

    public ClusterStatus status() {
        return new ClusterStatus(settings.node(), settings.redisShown(), sync.state(), sync.lastError(),
                sync.lastContact(), location.pendingWrites(), nodes.all());
    }

    @Override
    public void close() {
        sync.close();
    }
}
