package org.sipwitch.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The signals a service manager and logrotate send, as daemons have them: SIGTERM and
 * SIGINT are an orderly stop with exit status 0 (the JVM's default would exit 143/130;
 * the shutdown hook still covers every other way the JVM can end), SIGHUP re-reads the
 * configuration as {@code sipwitchctl reload} does (the JVM's default would exit 129).
 *
 * <p>{@code sun.misc.Signal} is in the {@code jdk.unsupported} module, exported to every
 * class path application on Java 17 without any flag, which is why it, and not an
 * internal API, is used.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    private static final int SIGHUP = 1;

    private Signals() {
    }

    static void install(Runnable onStop, Runnable onHangup) {
        for (String name : new String[] {"TERM", "INT"}) {
            handle(name, onStop);
        }
        handle("HUP", onHangup);
        if (ignored(SIGHUP)) {
            // the JVM leaves a signal that was ignored when it started ignored, handler or not
            LOG.warn("SIGHUP is ignored in the environment the daemon was started from (nohup?): "
                    + "it will not reload; use 'sipwitchctl reload' (scripts/sipwitch resets it)");
        }
    }

    /** Whether {@code signal} is ignored by this process, from Linux's /proc; false where unknown. */
    static boolean ignored(int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the signal mask: {}", e.toString());
        }
        return false;
    }

    private static void handle(String name, Runnable action) {
        try {
            // the JVM runs each handler on a thread of its own: a slow reload delays nothing else
            Signal.handle(new Signal(name), s -> {
                LOG.info("SIG{} received", s.getName());
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("handling SIG{} failed: {}", s.getName(), e.toString());
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.debug("cannot handle SIG{}: {}", name, e.getMessage()); // the default handler stays
        }
    }
}
