package org.sipwitch.management;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The {@code verbose} levels 0..9 on Logback: 0 errors only, 1 warnings, 2-3 info (the
 * default, 2), 4-6 debug, 7-9 trace. The level goes on the {@code org.sipwitch} logger;
 * the root logger follows down to INFO only, so that libraries (Netty) stay quiet while
 * our own code talks.
 */
final class Verbosity {

    static final String OUR_LOGGER = "org.sipwitch";

    private int level = 2;

    static Level levelOf(int verbose) {
        check(verbose);
        if (verbose == 0) {
            return Level.ERROR;
        }
        if (verbose == 1) {
            return Level.WARN;
        }
        if (verbose <= 3) {
            return Level.INFO;
        }
        return verbose <= 6 ? Level.DEBUG : Level.TRACE;
    }

    /** The root logger's level for a verbosity: never chattier than INFO. */
    static Level rootLevelOf(int verbose) {
        Level ours = levelOf(verbose);
        return ours.isGreaterOrEqual(Level.INFO) ? ours : Level.INFO;
    }

    synchronized int get() {
        return level;
    }

    synchronized void set(int verbose) {
        Level ours = levelOf(verbose);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(OUR_LOGGER).setLevel(ours);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevelOf(verbose));
        }
        level = verbose;
    }

    private static void check(int verbose) {
        if (verbose < 0 || verbose > 9) {
            throw new IllegalArgumentException("verbose level must be 0 to 9, not " + verbose);
        }
    }
}
