package org.sipwitch.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The configuration in force, and safe reload: a new config replaces the current one
 * only when it loaded completely; on any error the old one stays and the error (with
 * file and line) goes back to whoever asked for the reload.
 *
 * <p>In force is not always what the files say: what only a restart applies
 * (listeners: {@link StackConfig#keepingListenersOf}; remote JMX) stays as the server
 * runs it until then, and the {@code realm} and {@code concurrency} verbs change a
 * setting live ({@link #adjust}) until the next reload puts the files back in charge.
 * {@link #current()} is what is in force, {@link #loaded()} what the files say; the
 * {@code dump} shows the first and marks where the second differs.
 *
 * <p>Readers call {@link #current()} and keep the returned immutable snapshot for the
 * duration of one piece of work (one request), so they never see half of a reload.
 */
public final class LiveConfig {

    private final Path file;
    private final Optional<JmxConfig> jmxInForce;
    private final OperationsConfig operationsInForce;
    private volatile SipwitchConfig loaded;
    private volatile SipwitchConfig current;
    /** The stack the listeners were bound with: at start, and at each restart. */
    private StackConfig running;
    /** The {@code <cluster>} the SIP server was started with: like the listeners, only a restart changes it. */
    private Optional<ClusterConfig> clusterRunning;
    private volatile Set<String> liveKeys = Set.of();
    private final AtomicLong generation = new AtomicLong(1);
    private final List<Consumer<SipwitchConfig>> listeners = new CopyOnWriteArrayList<>();

    /** Loads the initial configuration; fails (for a non-zero exit at start-up) when it is bad. */
    public LiveConfig(Path file) throws ConfigException {
        this.file = Objects.requireNonNull(file, "file");
        SipwitchConfig first = ConfigLoader.load(file);
        this.loaded = first;
        this.current = first;
        this.running = first.stack();
        this.clusterRunning = first.cluster();
        this.jmxInForce = first.jmx(); // remote JMX is started once per daemon
        this.operationsInForce = first.operations(); // so are /metrics and the call records
    }

    public Path file() {
        return file;
    }

    /** The configuration in force. */
    public SipwitchConfig current() {
        return current;
    }

    /** The configuration as the files said at the last successful (re)load. */
    public SipwitchConfig loaded() {
        return loaded;
    }

    /** Dump keys changed live since the last reload, e.g. {@code registry.realm}. */
    public Set<String> liveKeys() {
        return liveKeys;
    }

    /** 1 for the initial load, incremented by each successful reload. */
    public long generation() {
        return generation.get();
    }

    public ConfigStore dropIns() {
        return new ConfigStore(file);
    }

    /**
     * Called after each change of the configuration in force (a reload, a live change, a
     * restart), with the new one, on the changing thread. Close the returned handle to
     * stop listening (a restarted server must not keep reconfiguring the one it replaced).
     */
    public AutoCloseableListener onChange(Consumer<SipwitchConfig> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** A change subscription; closing it never fails. */
    @FunctionalInterface
    public interface AutoCloseableListener extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Re-reads the files. On success the new config is in force (as far as it can be
     * without a restart) and returned; on failure this throws and the previous config is
     * still {@link #current()}. Live changes end here.
     */
    public synchronized SipwitchConfig reload() throws ConfigException {
        SipwitchConfig next = ConfigLoader.load(file);
        loaded = next;
        liveKeys = Set.of();
        generation.incrementAndGet();
        return publish(inForce(next));
    }

    /**
     * A setting changed live, already checked by {@link Rules}: in force until the next
     * reload or restart.
     *
     * @param keys the dump keys it changes, so the dump can say they were set live
     */
    public synchronized SipwitchConfig adjust(Set<String> keys, UnaryOperator<SipwitchConfig> change) {
        Set<String> changed = new HashSet<>(liveKeys);
        changed.addAll(keys);
        liveKeys = Set.copyOf(changed);
        return publish(Objects.requireNonNull(change.apply(current), "changed config"));
    }

    /**
     * The listeners are about to be bound again ({@code restart}): from now on the files'
     * stack is the running one, and everything they say is in force (but remote JMX,
     * /metrics and the call records, which live as long as the daemon).
     */
    public synchronized SipwitchConfig rebinding() {
        running = loaded.stack();
        clusterRunning = loaded.cluster();
        liveKeys = Set.of();
        return publish(inForce(loaded));
    }

    private SipwitchConfig inForce(SipwitchConfig files) {
        return files.withStack(files.stack().keepingListenersOf(running)).withJmx(jmxInForce)
                .withOperations(operationsInForce).withCluster(clusterRunning);
    }

    private SipwitchConfig publish(SipwitchConfig next) {
        current = next;
        for (Consumer<SipwitchConfig> listener : listeners) {
            listener.accept(next);
        }
        return next;
    }
}
