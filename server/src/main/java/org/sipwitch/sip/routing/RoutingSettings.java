package org.sipwitch.sip.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sipwitch.sip.gateway.GatewayDirectory;

/**
 * The dial plan's inputs from the configuration in force; the server makes one per call
 * from the live config, so a reload changes the next call.
 *
 * @param domain          the site's domain: callers and callees are presented as {@code user@domain}
 * @param rules           {@code <routing>} in order (main file, then drop-ins)
 * @param inExtensionRange numbers that are extensions are never re-routed
 * @param users           a user by id, extension or alias
 * @param groups          a ring group by id or extension
 * @param gateways        the trunks
 * @param noAnswerMillis  how long a user's phones ring ({@code <timers>} ring × cfna)
 */
public record RoutingSettings(String domain, List<Rule> rules, Predicate<String> inExtensionRange,
                              Function<String, Optional<UserPolicy>> users, Map<String, Group> groups,
                              GatewayDirectory gateways, long noAnswerMillis) {
    public RoutingSettings {
        rules = List.copyOf(rules);
        groups = Map.copyOf(groups);
    }

    /** No rules, no users: everything is 404 (for tests and before start). */
    public static RoutingSettings none(String domain, long noAnswerMillis) {
        return new RoutingSettings(domain, List.of(), n -> false, n -> Optional.empty(), Map.of(),
                GatewayDirectory.EMPTY, noAnswerMillis);
    }
}
