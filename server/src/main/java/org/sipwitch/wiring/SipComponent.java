package org.sipwitch.wiring;

import org.sipwitch.daemon.Component;
import org.sipwitch.daemon.DaemonContext;
import org.sipwitch.management.ManagementComponent;
import org.sipwitch.management.ManagementHooks;
import org.sipwitch.sip.core.SipServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP server as a daemon component, plugged into management: its registrations,
 * realm, policy, trace and lifecycle become what the MBeans (and so sipwitchctl)
 * show and act on.
 */
public final class SipComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(SipComponent.class);

    private final DaemonContext context;
    private final ManagementComponent management;
    private volatile SipServer server;

    public SipComponent(DaemonContext context, ManagementComponent management) {
        this.context = context;
        this.management = management;
    }

    @Override
    public String name() {
        return "SIP server";
    }

    @Override
    public synchronized void start() throws Exception {
        SipServer sip = new SipServer(context.config(), context.stateDir());
        sip.start();
        server = sip;
        sip.listening().forEach(context::reportListening);
        plug(sip);
    }

    private void plug(SipServer sip) {
        ManagementHooks hooks = management.hooks();
        hooks.registry(new LocationRegistry(sip.location(), () -> context.config().current().users(),
                sip.recentUsers()));
        StackHooks stack = new StackHooks(this);
        hooks.policy(new GatePolicy(sip.gate(), sip.transports().counters(), stack::published));
        hooks.realm(new AuthenticatorRealm(sip.authenticator()));
        hooks.server(stack);
        sip.location().addListener(new RegistrationEvents(management.events()));
        sip.setTap(new TraceTap(management.trace()));
        EngineCalls.plug(sip.calls(), management);
    }

    /**
     * The {@code restart} verb: a new server on the (already re-read) configuration,
     * sockets rebound. Registrations live in the old server's location service and are
     * carried over, so phones stay reachable.
     */
    synchronized void restart() {
        SipServer old = server;
        var bindings = old.location().all();
        old.close();
        SipServer fresh = new SipServer(context.config(), context.stateDir());
        try {
            fresh.start();
        } catch (Exception e) {
            LOG.error("restart failed: {}", e.getMessage());
            throw new IllegalStateException("restart failed: " + e.getMessage(), e);
        }
        if (!fresh.persistent()) { // a persistent one has just read them back from the state directory
            bindings.forEach(fresh.location()::put);
        }
        server = fresh;
        plug(fresh);
        LOG.info("SIP server restarted on {}", fresh.listening());
    }

    SipServer server() {
        return server;
    }

    DaemonContext context() {
        return context;
    }

    @Override
    public void stop() {
        SipServer sip = server;
        if (sip != null) {
            sip.close();
        }
    }
}
