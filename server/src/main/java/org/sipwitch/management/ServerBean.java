package org.sipwitch.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.sipwitch.config.ConfigException;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.ConfigChanges;
import org.sipwitch.config.Rules;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.mbeans.Event;
import org.sipwitch.mbeans.HealthCheck;
import org.sipwitch.mbeans.ServerMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sipwitch:type=Server}: lifecycle, health and tuning. What needs the SIP stack
 * goes through {@link ServerHooks}; the rest (reload, deadlocks, verbosity, states,
 * snapshots, abort, events) is done here.
 */
final class ServerBean implements ServerMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ServerBean.class);

    private final LiveConfig config;
    private final ManagementHooks hooks;
    private final Events events;
    private final IntConsumer stopper;
    private final DiagnosticReport report;
    private final Halt halt;
    private final Verbosity verbosity = new Verbosity();
    private final NamedStates states = new NamedStates();

    /** How {@code abort} ends the JVM; a test replaces it. */
    interface Halt {
        void halt(int status);
    }

    ServerBean(LiveConfig config, ManagementHooks hooks, Events events, IntConsumer stopper,
               DiagnosticReport report, Halt halt) {
        this.config = config;
        this.hooks = hooks;
        this.events = events;
        this.stopper = stopper;
        this.report = report;
        this.halt = halt;
    }

    @Override
    public String abort() {
        Path dump;
        try {
            dump = report.write("abort", true);
        } catch (IOException e) {
            dump = null;
            LOG.error("abort: cannot write the diagnostic dump: {}", e.toString());
        }
        LOG.error("abort requested: halting now{}", dump == null ? "" : ", dump in " + dump);
        // halt from another thread a moment later, so that this answer still reaches the caller
        Thread t = new Thread(() -> {
            sleep(300);
            halt.halt(134);
        }, "sipwitch-abort");
        t.setDaemon(true);
        t.start();
        return dump == null ? "(no dump written)" : dump.toString();
    }

    @Override
    public List<HealthCheck> check() {
        return HealthChecks.run(hooks);
    }

    @Override
    public int getConcurrency() {
        return hooks.server().concurrency().orElse(config.current().stack().concurrency());
    }

    /** A live change of the configuration in force: the SIP server resizes its pool as it hears of it. */
    @Override
    public void setConcurrency(int level) {
        Rules.concurrencyProblem(level).ifPresent(problem -> {
            throw new IllegalArgumentException("concurrency " + problem + ", not " + level);
        });
        config.adjust(Set.of("stack.concurrency"), c -> c.withStack(c.stack().withConcurrency(level)));
        LOG.info("concurrency set to {}", level);
    }

    @Override
    public String getVersion() {
        return Version.get();
    }

    @Override
    public String getContact() {
        return hooks.server().contact().orElseGet(() -> ContactAddress.fromConfig(config.current().stack()));
    }

    @Override
    public void down() {
        LOG.info("shutdown requested through the control model");
        stopper.accept(0); // the management component announces "state down" as it stops
    }

    @Override
    public void ifdown(String iface) {
        String name = Args.required(iface, "interface");
        LOG.info("interface {} went down", name);
        events.warning("interface " + name + " down");
        hooks.server().ifdown(name);
    }

    @Override
    public void ifup(String iface) {
        String name = Args.required(iface, "interface");
        LOG.info("interface {} came up", name);
        events.warning("interface " + name + " up");
        hooks.server().ifup(name);
    }

    @Override
    public List<String> reload() {
        return reload(false);
    }

    /**
     * Re-reads the files; what can change live is applied by whoever listens to the
     * configuration, what cannot is named ("stack.port: needs restart") in the answer,
     * the log and the events. Before a restart only the re-read matters: the restart
     * applies everything.
     */
    private List<String> reload(boolean restarting) {
        SipwitchConfig before = config.current();
        try {
            config.reload();
        } catch (ConfigException e) {
            // WARN goes to the history ring too; the old configuration stays in force
            LOG.warn("reload failed, configuration unchanged: {}", e.getMessage());
            events.failure("reload failed: " + e.getMessage());
            throw new IllegalArgumentException(e.getMessage());
        }
        config.current().warnings().forEach(w -> LOG.warn("{}", w));
        if (restarting) {
            LOG.info("configuration re-read for restart (generation {})", config.generation());
            return List.of();
        }
        List<String> report = new ArrayList<>(ConfigChanges.report(before, config));
        try {
            hooks.server().reloadTls().ifPresent(served -> report.add("stack.tls.keystore: reloaded, serving " + served));
        } catch (RuntimeException e) {
            String line = "stack.tls.keystore: not reloaded, the certificate in force stays: " + e.getMessage();
            LOG.warn("{}", line);
            events.failure(line);
            report.add(line);
        }
        for (String line : report) {
            if (line.contains(": needs")) {
                LOG.warn("{}", line);
                events.warning(line);
            } else {
                LOG.info("{}", line);
            }
        }
        LOG.info("configuration reloaded (generation {}): {} line(s) of changes", config.generation(), report.size());
        events.configReloaded(config.generation(), report);
        return report.isEmpty() ? List.of("no change") : report;
    }

    @Override
    public void restart() {
        reload(true);
        hooks.server().restart();
        LOG.info("restarted in-process");
        events.stateChanged(states.current() + " (restarted)");
    }

    @Override
    public String snapshot() {
        try {
            Path file = report.write("snapshot", false);
            LOG.info("snapshot written to {}", file);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot: " + e.getMessage(), e);
        }
    }

    @Override
    public String getState() {
        return states.current();
    }

    @Override
    public void setState(String state) {
        if (states.set(state)) {
            hooks.server().stateChanged(states.current());
            LOG.info("state {}", states.current());
            events.stateChanged(states.current());
        }
    }

    @Override
    public int getVerbose() {
        return verbosity.get();
    }

    @Override
    public void setVerbose(int level) {
        verbosity.set(level);
    }

    @Override
    public List<Event> eventsSince(long sequence) {
        return events.log().since(sequence);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
