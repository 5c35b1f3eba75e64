package org.sipwitch.sip.server;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transport.FlowListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations made over a WebSocket end with its connection (RFC 7118 §5): the browser
 * cannot be reached any other way (its Contact names a {@code .invalid} host), so a call
 * to it must get {@code 480} at once instead of waiting for the binding to expire. With
 * RFC 5626 (reg-id and +sip.instance) the same holds per flow: each binding knows the
 * connection it came over. Bindings restored from the state directory after a restart
 * have lost their connection too, and are dropped at start. In a cluster only this node's
 * own bindings are concerned: another node's browser is on that node's connection.
 */
final class FlowBindings implements FlowListener {
    private static final Logger LOG = LoggerFactory.getLogger(FlowBindings.class);

    private final LocationService location;

    FlowBindings(LocationService location) {
        this.location = location;
    }

    @Override
    public void closed(Peer flow) {
        int removed = removeWhere(List.of(flow));
        if (removed > 0) {
            LOG.info("{} connection {} closed: {} registration(s) removed", flow.transport().param(), flow, removed);
        }
    }

    /** At start: WebSocket registrations from before the restart cannot be reached. */
    void dropRestored() {
        List<Peer> flows = new ArrayList<>();
        for (Binding b : location.all()) {
            if (b.node() == null && b.peer().transport().isWebSocket()) {
                flows.add(b.peer());
            }
        }
        int removed = removeWhere(flows);
        if (removed > 0) {
            LOG.info("Dropped {} WebSocket registration(s) kept from before the restart: their connections are gone",
                    removed);
        }
    }

    private int removeWhere(List<Peer> flows) {
        if (flows.isEmpty()) {
            return 0;
        }
        List<String> users = new ArrayList<>();
        for (Binding b : location.all()) {
            if (b.node() == null && !b.staticBinding() && flows.contains(b.peer()) && !users.contains(b.userId())) {
                users.add(b.userId());
            }
        }
        int[] removed = {0};
        for (String user : users) {
            location.update(user, current -> {
                List<Binding> kept = new ArrayList<>(current.size());
                for (Binding b : current) {
                    if (b.node() == null && !b.staticBinding() && flows.contains(b.peer())) {
                        removed[0]++;
                    } else {
                        kept.add(b);
                    }
                }
                return kept.size() == current.size() ? current : kept;
            }, BindingListener.Cause.UNREGISTERED);
        }
        return removed[0];
    }
}
