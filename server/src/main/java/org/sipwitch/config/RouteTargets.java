package org.sipwitch.config;

import java.util.List;
import java.util.Optional;

/**
 * Cross-checks of the dial plan against {@code <provision>}: every {@code gateway:ID}
 * names a gateway, every local target a user, extension, alias or group, so that a typo
 * is an error at load naming its line instead of a 404 on the first call.
 */
final class RouteTargets {

    private RouteTargets() {
    }

    static void check(List<RouteRule> rules, UserDirectory users,
                      ProvisionParser.Provision p) throws ConfigException {
        for (RouteRule rule : rules) {
            Optional<String> problem = problem(rule.target(), users, p);
            if (problem.isPresent()) {
                throw new ConfigException(rule.position(), problem.get());
            }
        }
        for (GatewayConfig g : p.gateways()) {
            if (g.incoming().isPresent()) {
                Optional<String> problem = problem(g.incoming().get(), users, p);
                if (problem.isPresent()) {
                    throw new ConfigException(g.position(), "<incoming> of gateway \"" + g.id() + "\": " + problem.get());
                }
            }
        }
    }

    /** Why {@code target} names nothing, or empty when it is fine. */
    static Optional<String> problem(String target, UserDirectory users, ProvisionParser.Provision p) {
        if (target.startsWith("reject:") || target.startsWith("sip:") || target.startsWith("sips:")) {
            return Optional.empty();
        }
        if (target.startsWith("gateway:")) {
            String id = target.substring(8);
            return p.gateways().stream().anyMatch(g -> g.id().equals(id)) ? Optional.empty()
                    : Optional.of("target " + target + " names no <gateway id=\"" + id + "\">");
        }
        if (users.lookup(target).isPresent()
                || p.groups().stream().anyMatch(g -> g.id().equals(target) || g.extension().orElse("").equals(target))) {
            return Optional.empty();
        }
        return Optional.of("target \"" + target + "\" is no user, extension, alias or group");
    }
}
