package org.sipwitch.daemon;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.management.ManagementComponent;
import org.sipwitch.management.ManagementContext;
import org.sipwitch.metrics.MetricsEndpoint;
import org.sipwitch.wiring.SipComponent;

/** Builds the daemon's components from the configuration, in start order. */
final class ServerAssembly {
    private ServerAssembly() {
    }

    static List<Component> components(DaemonContext context) {
        List<Component> list = new ArrayList<>();
        // first, so that the SIP components can report events, trace and statistics
        // to it, and plug their sources into management.hooks()
        ManagementComponent management = new ManagementComponent(new ManagementContext(context.config(),
                context.runDir(), context.stateDir(), context::reportListening, context::requestStop));
        list.add(Component.of(management.name(), management::start, management::stop));
        context.reloadWith(management::reload);
        SipComponent sip = new SipComponent(context.config(), context.stateDir(), context::reportListening,
                management, context::stopping);
        list.add(Component.of("SIP server", sip::start, sip::stop));
        MetricsEndpoint metrics = new MetricsEndpoint(context.config().current().operations().metrics(),
                sip.metrics(), context::reportListening);
        list.add(Component.of("metrics endpoint", metrics::start, metrics::stop));
        return list;
    }
}
