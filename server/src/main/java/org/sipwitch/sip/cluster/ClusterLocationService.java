package org.sipwitch.sip.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.location.LocationService;

/**
 * The location service of a cluster node: this node's own bindings in memory (the
 * registrar writes only these, exactly as without a cluster), plus a cache of every
 * other node's bindings, kept from the shared store. Lookups read memory only and never
 * wait for Redis: a call is routed on a lane. Changes of the own bindings are marked
 * and written to the store by the cluster thread ({@link ClusterSync}); the other nodes'
 * come in as pub/sub notices that make the cluster thread read that user again.
 *
 * <p>A binding of another node is used only while that node is alive: when its liveness
 * key lapses ({@code kill -9}), calls to its phones get {@code 480} until they register
 * again somewhere else.
 */
public final class ClusterLocationService implements LocationService {
    private final InMemoryLocationService own;
    private final NodeTable nodes;
    private final Clock clock;
    /** Other nodes' bindings by user id (each carrying its node); replaced whole per user. */
    private final Map<String, List<Binding>> remote = new ConcurrentHashMap<>();
    private final Map<String, String> remoteExtensions = new ConcurrentHashMap<>();
    /** Users whose own bindings changed since the store last got them. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private volatile Runnable onDirty = () -> { };
    private volatile boolean storeUp;

    ClusterLocationService(InMemoryLocationService own, NodeTable nodes, Clock clock) {
        this.own = Objects.requireNonNull(own, "own");
        this.nodes = nodes;
        this.clock = clock;
        own.addListener(new BindingListener() {
            @Override
            public void added(Binding binding) {
                mark(binding.userId());
            }

            @Override
            public void refreshed(Binding before, Binding after) {
                mark(after.userId());
            }

            @Override
            public void removed(Binding binding, Cause cause) {
                mark(binding.userId());
            }
        });
    }

    private void mark(String userId) {
        dirty.add(userId);
        onDirty.run();
    }

    void onDirty(Runnable wake) {
        this.onDirty = wake;
    }

    /** Takes the users to write: each is unmarked before its bindings are read, so a change meanwhile is kept. */
    List<String> takeDirty(int max) {
        List<String> out = new ArrayList<>(Math.min(max, dirty.size()));
        for (String user : dirty) {
            if (out.size() == max) {
                break;
            }
            if (dirty.remove(user)) {
                out.add(user);
            }
        }
        return out;
    }

    void remark(List<String> users) {
        dirty.addAll(users);
    }

    /** Every user with own bindings is written again (the store came back, maybe empty). */
    void markAllOwn() {
        for (Binding b : own.all()) {
            dirty.add(b.userId());
        }
    }

    int remoteUsers() {
        return remote.size();
    }

    int pendingWrites() {
        return dirty.size();
    }

    void storeUp(boolean up) {
        this.storeUp = up;
    }

    /** This node's own live bindings of a user, as they go to the store. */
    List<Binding> ownBindings(String userId) {
        return own.lookup(userId);
    }

    /**
     * What the store holds for a user, every node's part: the others' replace the cache;
     * this node's own part is restored into memory only when memory has none (start-up).
     */
    void applyStored(String userId, Map<String, List<Binding>> byNode, boolean restoreOwn) {
        List<Binding> others = new ArrayList<>();
        long now = clock.millis();
        for (Map.Entry<String, List<Binding>> e : byNode.entrySet()) {
            boolean mine = e.getKey().equals(nodes.self());
            for (Binding b : e.getValue()) {
                if (b.isExpired(now)) {
                    continue;
                }
                if (!mine) {
                    others.add(b.atNode(e.getKey()));
                }
            }
            if (mine && restoreOwn && own.lookup(userId).isEmpty() && !e.getValue().isEmpty()) {
                List<Binding> live = e.getValue().stream().filter(b -> !b.isExpired(now)).toList();
                if (!live.isEmpty()) {
                    own.update(userId, current -> current.isEmpty() ? live : current,
                            BindingListener.Cause.RELEASED);
                }
            }
        }
        List<Binding> before = others.isEmpty() ? remote.remove(userId) : remote.put(userId, List.copyOf(others));
        if (before != null) {
            for (Binding b : before) {
                if (b.extension() != null) {
                    remoteExtensions.remove(b.extension(), userId);
                }
            }
        }
        for (Binding b : others) {
            if (b.extension() != null) {
                remoteExtensions.put(b.extension(), userId);
            }
        }
    }

    /** Users in the cache that the store no longer has (after a full read). */
    void retainRemote(Set<String> seen) {
        for (String user : List.copyOf(remote.keySet())) {
            if (!seen.contains(user)) {
                applyStored(user, Map.of(), false);
            }
        }
    }

    @Override
    public List<Binding> update(String userId, BindingChange change, BindingListener.Cause cause) {
        return own.update(userId, change, cause);
    }

    @Override
    public List<Binding> removeUser(String userId, BindingListener.Cause cause) {
        return own.removeUser(userId, cause);
    }

    /** This node's bindings, then the other live nodes' (one per contact: the one that expires last). */
    @Override
    public List<Binding> lookup(String userId) {
        List<Binding> mine = own.lookup(userId);
        List<Binding> theirs = remote.get(userId);
        if (theirs == null) {
            return mine;
        }
        long now = clock.millis();
        List<Binding> out = new ArrayList<>(mine.size() + theirs.size());
        out.addAll(mine);
        for (Binding b : theirs) {
            if (b.isExpired(now) || !nodes.alive(b.node())) {
                continue;
            }
            int same = indexOf(out, b.contact());
            if (same < 0) {
                out.add(b);
            } else if (b.expiresAtMillis() > out.get(same).expiresAtMillis()) {
                out.set(same, b); // the phone moved to that node and registered there since
            }
        }
        return out;
    }

    private static int indexOf(List<Binding> list, String contact) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).sameContact(contact)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Binding> lookupExtension(String extension) {
        List<Binding> mine = own.lookupExtension(extension);
        if (!mine.isEmpty()) {
            return lookup(mine.get(0).userId());
        }
        String userId = remoteExtensions.get(extension);
        return userId == null ? List.of() : lookup(userId);
    }

    /** Every binding of every node, unreachable ones included (the registry shows them so). */
    @Override
    public List<Binding> all() {
        List<Binding> out = new ArrayList<>(own.all());
        long now = clock.millis();
        for (List<Binding> list : remote.values()) {
            for (Binding b : list) {
                if (!b.isExpired(now)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    @Override
    public List<Binding> sweep(long nowMillis) {
        for (Map.Entry<String, List<Binding>> e : remote.entrySet()) {
            if (e.getValue().stream().anyMatch(b -> b.isExpired(nowMillis))) {
                List<Binding> keep = e.getValue().stream().filter(b -> !b.isExpired(nowMillis)).toList();
                if (keep.isEmpty()) {
                    remote.remove(e.getKey(), e.getValue());
                } else {
                    remote.replace(e.getKey(), e.getValue(), keep);
                }
            }
        }
        return own.sweep(nowMillis); // the own expired ones are marked, and leave the store too
    }

    @Override
    public int count() {
        int n = own.count();
        for (List<Binding> list : remote.values()) {
            n += list.size();
        }
        return n;
    }

    @Override
    public int userCount() {
        int n = own.userCount();
        for (String user : remote.keySet()) {
            if (own.lookup(user).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** False while the store is unreachable: a user not found here may be registered at another node. */
    @Override
    public boolean complete() {
        return storeUp;
    }

    @Override
    public boolean reachable(Binding binding) {
        return nodes.alive(binding.node());
    }

    @Override
    public void addListener(BindingListener listener) {
        own.addListener(listener);
    }

    @Override
    public void removeListener(BindingListener listener) {
        own.removeListener(listener);
    }

    /** The node table this service judges reachability by. */
    public NodeTable nodes() {
        return nodes;
    }

    /** This node's own bindings only (carried over by a restart of the SIP server). */
    public List<Binding> own() {
        return own.all();
    }
}
