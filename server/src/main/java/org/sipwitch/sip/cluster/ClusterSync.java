package org.sipwitch.sip.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.store.BindingLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster thread: the only one that talks to the store. Every beat it says this node
 * is alive, reads who else is, and writes what changed; it reads a user again when
 * another node says it wrote one. When the store stops answering it says so once, keeps
 * the changes marked, and when the store answers again writes all of this node's
 * bindings back (the store may have come back empty) and reads everyone else's again.
 */
final class ClusterSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);
    private static final int WRITE_BATCH = 500;

    private final ClusterSettings settings;
    private final ClusterLocationService location;
    private final NodeTable nodes;
    private final Clock clock;
    private final Supplier<String> address;
    private final RedisStore store;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile StoreState state = StoreState.CONNECTING;
    private volatile String lastError = "";
    private volatile long lastContact;
    private boolean restored;
    private boolean everUp;

    ClusterSync(ClusterSettings settings, ClusterLocationService location, NodeTable nodes, Clock clock,
                Supplier<String> address) {
        this.settings = settings;
        this.location = location;
        this.nodes = nodes;
        this.clock = clock;
        this.address = address;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipwitch-cluster");
            t.setDaemon(true);
            return t;
        });
        this.store = new RedisStore(settings.redisUri(), settings.beatMillis(), this::changed);
        location.onDirty(this::wake);
    }

    void start() {
        thread.scheduleWithFixedDelay(this::beat, 0, settings.beatMillis(), TimeUnit.MILLISECONDS);
    }

    StoreState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    long lastContact() {
        return lastContact;
    }

    private void wake() {
        if (state == StoreState.UP && flushQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                flushQueued.set(false);
                guarded(this::flush);
            });
        }
    }

    /** A Lettuce thread: another node wrote a user. Never waits: the cluster thread reads it. */
    private void changed(String message) {
        int tab = message.indexOf('\t');
        if (tab <= 0 || message.substring(0, tab).equals(settings.node())) {
            return;
        }
        String user = message.substring(tab + 1);
        try {
            thread.execute(() -> guarded(() -> read(user)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void beat() {
        guarded(() -> {
            if (!store.connected()) {
                store.connect();
            }
            String before = store.beat(settings.node(), address.get() + '\t' + clock.millis(),
                    settings.livenessMillis());
            lastContact = clock.millis();
            if (state != StoreState.UP) {
                comeBack();
            } else if (before == null) {
                LOG.warn("cluster: {} lost this node's state (restarted or flushed?): writing its {} registrations "
                        + "back", settings.redisShown(), location.own().size());
                location.markAllOwn();
                readAll();
            }
            readNodes();
            flush();
        });
    }

    /** First contact, or the store answers again: this node's bindings go back, everyone else's are read. */
    private void comeBack() {
        readAll();
        location.markAllOwn();
        int pending = location.pendingWrites();
        if (everUp) {
            LOG.info("cluster: {} answers again; writing back {} users' registrations", settings.redisShown(),
                    pending);
        } else {
            LOG.info("cluster: node {} joined through {} ({} users registered at other nodes)", settings.node(),
                    settings.redisShown(), location.remoteUsers());
        }
        everUp = true;
        state = StoreState.UP;
        location.storeUp(true);
    }

    /** Runs store work; a failure marks the store down, said once per outage. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            down(e);
        }
    }

    private void down(RuntimeException e) {
        lastError = describe(e);
        location.storeUp(false);
        if (state != StoreState.DOWN) {
            state = StoreState.DOWN;
            LOG.warn("cluster: {} unavailable ({}); serving this node's {} registrations from local state, "
                    + "changes are written back when it answers", settings.redisShown(), lastError,
                    location.own().size());
        }
    }

    /** The message without the URI Lettuce may put in it (it can carry the password). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.replaceAll("[a-z+-]+://\\S*", "<redis>");
    }

    private void flush() {
        if (state != StoreState.UP) {
            return;
        }
        while (true) {
            List<String> users = location.takeDirty(WRITE_BATCH);
            if (users.isEmpty()) {
                return;
            }
            List<RedisStore.UserWrite> writes = new ArrayList<>(users.size());
            for (String user : users) {
                writes.add(encode(user, location.ownBindings(user)));
            }
            try {
                store.write(settings.node(), writes);
            } catch (RuntimeException e) {
                location.remark(users);
                throw e;
            }
        }
    }

    static RedisStore.UserWrite encode(String user, List<Binding> bindings) {
        if (bindings.isEmpty()) {
            return new RedisStore.UserWrite(user, null, 0);
        }
        StringBuilder lines = new StringBuilder(bindings.size() * 200);
        long last = 0;
        for (Binding b : bindings) {
            lines.append(BindingLine.add(b));
            last = Math.max(last, b.expiresAtMillis());
        }
        return new RedisStore.UserWrite(user, lines.toString(), last);
    }

    static Map<String, List<Binding>> decode(Map<String, String> fields) {
        Map<String, List<Binding>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            List<Binding> list = new ArrayList<>();
            for (String line : e.getValue().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    BindingLine.Entry entry = BindingLine.parse(line);
                    if (entry.binding() != null) {
                        list.add(entry.binding());
                    }
                } catch (RuntimeException bad) {
                    LOG.warn("cluster: a binding of node {} in the store is unreadable ({}); skipped", e.getKey(),
                            bad.getMessage());
                }
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    private void read(String user) {
        if (state == StoreState.UP) {
            location.applyStored(user, decode(store.user(user)), false);
        }
    }

    private void readAll() {
        Set<String> seen = new HashSet<>();
        boolean restore = !restored;
        store.scanUsers((user, fields) -> {
            seen.add(user);
            location.applyStored(user, decode(fields), restore);
        });
        location.retainRemote(seen);
        restored = true;
    }

    private void readNodes() {
        long now = clock.millis();
        for (Map.Entry<String, String> e : store.nodes().entrySet()) {
            String name = e.getKey();
            NodeState before = nodes.get(name);
            NodeState after;
            if (e.getValue() == null) {
                after = before == null ? new NodeState(name, "", null, 0, false)
                        : new NodeState(name, before.address(), before.peer(), before.lastSeen(), false);
            } else {
                String value = e.getValue();
                int tab = value.indexOf('\t');
                String addr = tab < 0 ? value : value.substring(0, tab);
                NodeState same = before != null && before.address().equals(addr) ? before : null;
                after = new NodeState(name, addr, same != null ? same.peer() : NodeAddress.peer(addr), now, true);
            }
            nodes.update(after);
            if (before != null && before.alive() && !after.alive()) {
                LOG.warn("cluster: node {} stopped answering (last seen {} ms ago): its phones are unreachable "
                        + "until they register again", name, now - before.lastSeen());
            } else if ((before == null || !before.alive()) && after.alive() && !name.equals(settings.node())) {
                LOG.info("cluster: node {} is up at {}", name, after.address());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (thread.awaitTermination(3, TimeUnit.SECONDS) && state == StoreState.UP) {
                // last words: the others see this node down at once instead of after the liveness period
                flush();
                store.leave(settings.node());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cluster: could not leave {} cleanly: {}", settings.redisShown(), describe(e));
        }
        store.close();
    }
}
