package org.sipwitch.management;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.sipwitch.config.LiveConfig;

/**
 * What management needs from the daemon that runs it, handed in so that management
 * does not depend on the daemon: the live configuration, the run and state directories,
 * where to report a listening address (remote JMX), and how to ask for a stop.
 */
public record ManagementContext(LiveConfig config, Path runDir, Path stateDir, Consumer<String> listening,
                                IntConsumer stopper) {

    /** Orderly shutdown with the given exit status (the {@code down} verb). */
    public void requestStop(int status) {
        stopper.accept(status);
    }

    /** A "jmx://127.0.0.1:9010"-style line, printed by the daemon once it is ready. */
    public void reportListening(String line) {
        listening.accept(line);
    }
}
