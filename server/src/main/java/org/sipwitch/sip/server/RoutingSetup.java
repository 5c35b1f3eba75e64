package org.sipwitch.sip.server;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipwitch.config.DialRight;
import org.sipwitch.config.Forwarding;
import org.sipwitch.config.GroupConfig;
import org.sipwitch.config.ProvisionedUser;
import org.sipwitch.config.RouteRule;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.routing.ForwardingTable;
import org.sipwitch.sip.routing.Forwards;
import org.sipwitch.sip.routing.Group;
import org.sipwitch.sip.routing.Rule;
import org.sipwitch.sip.routing.RoutingSettings;
import org.sipwitch.sip.routing.UserPolicy;

/** The configuration as the dial plan's own {@link RoutingSettings}. */
final class RoutingSetup {

    private RoutingSetup() {
    }

    static RoutingSettings of(SipwitchConfig cfg, GatewayDirectory gateways, ForwardingTable forwarding) {
        List<Rule> rules = cfg.routing().stream().map(RoutingSetup::rule).toList();
        long ringMillis = cfg.timers().ring() * 1000L;
        Map<String, Group> groups = new HashMap<>();
        for (GroupConfig g : cfg.groups()) {
            long each = (g.rings() > 0 ? g.rings() : cfg.timers().cfna()) * ringMillis;
            Group group = new Group(g.id(), g.extension().orElse(null), g.members(), g.sequential(), each,
                    g.forwardNa().orElse(null));
            groups.put(g.id(), group);
            g.extension().ifPresent(e -> groups.put(e, group));
        }
        var users = cfg.users();
        return new RoutingSettings(cfg.registry().domain(), rules, cfg.registry()::inRange,
                name -> users.lookup(name).map(u -> policy(u, forwarding)), groups, gateways,
                cfg.timers().noAnswer().toMillis());
    }

    private static UserPolicy policy(ProvisionedUser u, ForwardingTable forwarding) {
        return new UserPolicy(ProvisionedUsers.identity(u), u.dial() == DialRight.EXTERNAL,
                forwarding.effective(u.id(), forwards(u.forwarding())));
    }

    static Forwards forwards(Forwarding f) {
        if (f.isEmpty()) {
            return Forwards.NONE;
        }
        EnumMap<Forwards.Kind, String> m = new EnumMap<>(Forwards.Kind.class);
        f.all().ifPresent(t -> m.put(Forwards.Kind.ALL, t));
        f.busy().ifPresent(t -> m.put(Forwards.Kind.BUSY, t));
        f.na().ifPresent(t -> m.put(Forwards.Kind.NA, t));
        f.dnd().ifPresent(t -> m.put(Forwards.Kind.DND, t));
        return new Forwards(m);
    }

    private static Rule rule(RouteRule r) {
        return new Rule(r.pattern(), r.strip(), r.prefix(), r.target(), r.state().orElse(null));
    }
}
