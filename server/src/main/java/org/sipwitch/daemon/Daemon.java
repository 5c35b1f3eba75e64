package org.sipwitch.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sipwitch.config.ConfigException;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.management.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the daemon: configuration, directories, pid file, components, and an
 * orderly stop on SIGTERM/SIGINT or a {@code down} request.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Lifecycle lifecycle = new Lifecycle();
    private volatile int exitStatus;

    private Daemon() {
    }

    /** Runs until stopped; returns the process exit status. */
    public static int run(CommandLine cl, Map<String, String> env) {
        return new Daemon().runInForeground(cl, env);
    }

    private int runInForeground(CommandLine cl, Map<String, String> env) {
        LiveConfig config;
        try {
            config = new LiveConfig(cl.config());
        } catch (ConfigException e) {
            System.err.println("sipwitch: " + e.getMessage());
            return Main.EXIT_CONFIG;
        }
        config.current().warnings().forEach(w -> LOG.warn("{}", w));

        Path runDir = cl.runDir().orElseGet(() -> Directories.defaultRunDir(env));
        Path stateDir = cl.stateDir().orElseGet(() -> Directories.defaultStateDir(env));
        PidFile pidFile;
        try {
            Directories.prepare(runDir, "rwxrwx---");
            pidFile = PidFile.create(runDir);
        } catch (IOException e) {
            System.err.println("sipwitch: cannot prepare run directory " + runDir + ": " + e.getMessage());
            return Main.EXIT_START;
        }
        try {
            Directories.prepare(stateDir, "rwxr-x---");
        } catch (IOException e) {
            // read-only or full: serve from memory; the registration store retries and says when it persists again
            LOG.error("state directory {} is not usable ({}): serving from memory until it can be written",
                    stateDir, Directories.describe(e));
            System.err.println("sipwitch: state directory " + stateDir + " is not usable (" + Directories.describe(e)
                    + "); serving from memory until it can be written");
        }

        DaemonContext context = new DaemonContext(config, runDir, stateDir, this::requestStop,
                () -> stopRequested.getCount() == 0);
        Thread hook = new Thread(() -> stop(pidFile), "sipwitch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Signals.install(() -> requestStop(0), context::reload);
        try {
            List<Component> components = ServerAssembly.components(context);
            lifecycle.start(components);
        } catch (Exception e) {
            System.err.println("sipwitch: cannot start: " + describe(e));
            LOG.debug("start-up failure", e);
            return Main.EXIT_START; // the shutdown hook stops what did start
        }
        for (String line : context.listeningLines()) {
            System.out.println("sipwitch: listening on " + line);
        }
        System.out.println("sipwitch: ready (pid " + ProcessHandle.current().pid() + ", run directory " + runDir + ")");
        System.out.flush();
        LOG.info("sipwitch {} ready, configuration {}", Version.get(), cl.config());

        awaitStop();
        return exitStatus;
    }

    private void awaitStop() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the main thread to return, which exits the JVM and runs the shutdown hook. */
    void requestStop(int status) {
        exitStatus = status;
        stopRequested.countDown();
    }

    private void stop(PidFile pidFile) {
        LOG.info("sipwitch stopping");
        long started = System.nanoTime();
        lifecycle.stop();
        pidFile.close();
        stopRequested.countDown();
        LOG.info("sipwitch stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg != null && !msg.isEmpty() ? msg : e.getClass().getSimpleName();
    }
}
