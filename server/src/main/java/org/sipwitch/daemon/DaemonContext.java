package org.sipwitch.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.sipwitch.config.LiveConfig;

/**
 * What the components of one daemon run share: the live configuration, the run and
 * state directories, and the way to ask the daemon to stop.
 */
public final class DaemonContext {
    private final LiveConfig config;
    private final Path runDir;
    private final Path stateDir;
    private final IntConsumer stopper;
    private final BooleanSupplier stopping;
    private final List<String> listening = new CopyOnWriteArrayList<>();
    /** What SIGHUP does; nothing until a component offers a reload. */
    private volatile Runnable reload = () -> { };

    public DaemonContext(LiveConfig config, Path runDir, Path stateDir, IntConsumer stopper, BooleanSupplier stopping) {
        this.config = config;
        this.runDir = runDir;
        this.stateDir = stateDir;
        this.stopper = stopper;
        this.stopping = stopping;
    }

    public LiveConfig config() {
        return config;
    }

    public Path runDir() {
        return runDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Orderly shutdown with the given exit status (the {@code down} verb). */
    public void requestStop(int status) {
        stopper.accept(status);
    }

    /** True once a stop is asked for (signal or {@code down}): long start-up work may end early. */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /** The reload SIGHUP triggers: the same as the {@code reload} verb's. */
    public void reloadWith(Runnable action) {
        this.reload = action;
    }

    void reload() {
        reload.run();
    }

    /** Components that listen report "udp://127.0.0.1:5060"-style lines, printed once ready. */
    public void reportListening(String line) {
        listening.add(line);
    }

    List<String> listeningLines() {
        return List.copyOf(listening);
    }
}
