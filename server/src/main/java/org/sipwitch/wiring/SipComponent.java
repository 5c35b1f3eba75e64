package org.sipwitch.wiring;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.sipwitch.cdr.CallRecords;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.management.Events;
import org.sipwitch.management.ManagementComponent;
import org.sipwitch.management.ManagementHooks;
import org.sipwitch.management.SipTrace;
import org.sipwitch.mbeans.EventLog;
import org.sipwitch.metrics.MetricsSource;
import org.sipwitch.sip.call.CallStatistics;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.server.HeapSettling;
import org.sipwitch.sip.server.SipServer;
import org.sipwitch.sip.server.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP server plugged into management: its registrations, realm, policy, trace and
 * lifecycle become what the MBeans (and so sipwitchctl) show and act on. The daemon
 * starts and stops it as one of its components; it is handed what it needs from the
 * daemon, so that wiring does not depend on the daemon that assembles it.
 */
public final class SipComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SipComponent.class);
    /** A warm-up server's throwaway event log: small, as nobody reads it. */
    private static final int WARMUP_EVENTS = 64;

    private final LiveConfig config;
    private final Path stateDir;
    private final Consumer<String> listening;
    private final ManagementComponent management;
    private final BooleanSupplier stopping;
    // the daemon's, not an engine's: the counts outlive a restart of the SIP server
    private final CallStatistics statistics = new CallStatistics(System.currentTimeMillis());
    private volatile CallRecords records;
    private volatile SipServer server;

    /**
     * @param listening told each listener's address ("udp://127.0.0.1:5060") once started
     * @param stopping    true once the daemon is asked to stop: the warm-up ends there
     */
    public SipComponent(LiveConfig config, Path stateDir, Consumer<String> listening,
                        ManagementComponent management, BooleanSupplier stopping) {
        this.config = config;
        this.stopping = stopping;
        this.stateDir = stateDir;
        this.listening = listening;
        this.management = management;
        management.hooks().stats(new CallCounts(statistics));
    }

    public synchronized void start() throws Exception {
        // the records outlive a restart of the SIP server, as the statistics do
        records = new CallRecords(config.current().operations().cdr(), stateDir, java.time.Clock.systemUTC());
        records.addListener((record, line) -> management.publishCdr(line));
        management.hooks().recentCdr(records::recent);
        SipServer sip = new SipServer(config, stateDir);
        sip.bind(); // a taken port fails the start now, not after the warm-up
        Warmup.Result warm = Warmup.run(config.current().registry().digest(), config.current().stack(), stopping,
                SipComponent::plugWarmup);
        if (warm != Warmup.Result.NONE) {
            LOG.info("warm-up before the listeners read: {}", warm);
            HeapSettling.Result settled = HeapSettling.now(); // what the daemon keeps, out of the young pauses
            LOG.info("heap settled after the warm-up: {} collection(s) in {} ms", settled.collections(),
                    settled.millis());
        }
        sip.open();
        server = sip;
        sip.listening().forEach(listening);
        plug(sip);
    }

    private void plug(SipServer sip) {
        ManagementHooks hooks = management.hooks();
        sip.setState(management.serverState()); // a restart in-process keeps "state night"
        String node = sip.cluster() == null ? "" : sip.cluster().status().node();
        hooks.registry(new RoutingRegistry(new LocationRegistry(sip.location(), () -> config.current().users(),
                () -> config.current().registry(), () -> sip.transports().addresses(Transport.UDP),
                sip.recentUsers(), () -> node), sip, () -> config.current().users()));
        hooks.cluster(sip.cluster() == null ? null : new ClusterView(sip.cluster()));
        sip.setGatewayListener(new GatewayEvents(management.events()));
        StackHooks stack = new StackHooks(this);
        hooks.policy(new GatePolicy(sip.gate(), sip.transports().counters(),
                sip.transports()::connectionRefusals, stack::published));
        hooks.server(stack);
        observe(sip, management.events(), management.trace());
        EngineCalls.plug(sip.calls(), management, statistics, records);
    }

    /**
     * Wires a warm-up server with throwaway management of the classes {@link #plug} uses:
     * compiled for other types at these calls, the daemon's first requests would undo the
     * warm-up (docs/benchmarks.md, "The first request undoes the warm-up").
     */
    private static void plugWarmup(SipServer sip) {
        observe(sip, new Events(new EventLog(WARMUP_EVENTS)), new SipTrace());
    }

    /** What every REGISTER meets besides the server itself: one place, for the daemon and the warm-up alike. */
    private static void observe(SipServer sip, Events events, SipTrace trace) {
        sip.location().addListener(new RegistrationEvents(events));
        sip.gate().authGuard().addListener(new GuardEvents(events));
        sip.setTap(new TraceTap(trace));
    }

    /**
     * The {@code restart} verb: a new server on the (already re-read) configuration,
     * sockets rebound. Calls are ended first (BYE, CANCEL/487, within the shutdown grace
     * period); the new server numbers its calls after the old one's and keeps the ports
     * it had picked where the config says 0. Registrations
     * live in the old server's location service and are carried over, so phones stay
     * reachable.
     */
    synchronized void restart() {
        SipServer old = server;
        old.endCalls("restart");
        var bindings = old.location().all();
        SipServer fresh = new SipServer(config, stateDir);
        fresh.continueFrom(old);
        old.close();
        config.rebinding(); // what the files say about listeners is in force from now on
        try {
            fresh.start();
        } catch (Exception e) {
            LOG.error("restart failed: {}", e.getMessage());
            throw new IllegalStateException("restart failed: " + e.getMessage(), e);
        }
        if (!fresh.persistent()) { // a persistent one has just read them back from the state directory
            // only this server's own: other cluster nodes' bindings come back from the store
            bindings.stream().filter(b -> b.node() == null).forEach(fresh.location()::put);
        }
        server = fresh;
        plug(fresh);
        LOG.info("SIP server restarted on {}", fresh.listening());
    }

    SipServer server() {
        return server;
    }

    LiveConfig config() {
        return config;
    }

    /**
     * What {@code /metrics} reads: the same sources the MBeans read, over whichever
     * server runs now (a {@code restart} replaces it).
     */
    public MetricsSource metrics() {
        return new StackMetrics(this::server, management, statistics, () -> {
            CallRecords r = records;
            return r == null ? Map.of() : r.endedByReason();
        });
    }

    /** Returns promptly and never throws, as the daemon's components must. */
    public void stop() {
        SipServer sip = server;
        if (sip != null) {
            sip.close();
        }
        CallRecords r = records;
        if (r != null) {
            r.close(); // after the server: no call can end any more
        }
    }
}
