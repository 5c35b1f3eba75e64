package org.sipwitch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The configuration in force, and safe reload: a new config replaces the current one
 * only when it loaded completely; on any error the old one stays and the error (with
 * file and line) goes back to whoever asked for the reload.
 *
 * <p>Readers call {@link #current()} and keep the returned immutable snapshot for the
 * duration of one piece of work (one request), so they never see half of a reload.
 */
public final class LiveConfig {

    private final Path file;
    private final AtomicReference<SipwitchConfig> current = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong(1);
    private final List<Consumer<SipwitchConfig>> listeners = new CopyOnWriteArrayList<>();

    /** Loads the initial configuration; fails (for a non-zero exit at start-up) when it is bad. */
    public LiveConfig(Path file) throws ConfigException {
        this.file = Objects.requireNonNull(file, "file");
        current.set(ConfigLoader.load(file));
    }

    public Path file() {
        return file;
    }

    public SipwitchConfig current() {
        return current.get();
    }

    /** 1 for the initial load, incremented by each successful reload. */
    public long generation() {
        return generation.get();
    }

    public ConfigStore dropIns() {
        return new ConfigStore(file);
    }

    /**
     * Called after each successful reload with the new config, on the reloading thread.
     * Close the returned handle to stop listening (a restarted server must not keep
     * reconfiguring the one it replaced).
     */
    public AutoCloseableListener onReload(Consumer<SipwitchConfig> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** A reload subscription; closing it never fails. */
    @FunctionalInterface
    public interface AutoCloseableListener extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Re-reads the files. On success the new config is in force and returned; on failure
     * this throws and the previous config is still {@link #current()}.
     */
    public synchronized SipwitchConfig reload() throws ConfigException {
        SipwitchConfig next = ConfigLoader.load(file);
        current.set(next);
        generation.incrementAndGet();
        for (Consumer<SipwitchConfig> listener : listeners) {
            listener.accept(next);
        }
        return next;
    }
}
