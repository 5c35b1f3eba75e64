package org.sipwitch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective configuration: main file plus enabled drop-ins, merged, checked and
 * defaulted. Immutable; a reload produces a new instance, so code holding one sees a
 * consistent view for as long as it holds it. Its {@code toString()} and every component's
 * never show a secret or HA1.
 *
 * @param file     the main config file as given to the loader
 * @param sources  every file that went into it: the main file, then the drop-ins in merge order
 * @param operations {@code <metrics>} and {@code <cdr>}
 * @param warnings things that are allowed but probably not meant (each starts with {@code file:line:})
 * @param gateways the SIP trunks of {@code <provision><gateway>}
 * @param groups   the ring groups of {@code <provision><group>}
 * @param cluster  {@code <cluster>}: this server is a node sharing registrations through Redis; empty = alone
 */
public record SipwitchConfig(Path file, List<Path> sources, StackConfig stack, RegistryConfig registry,
                             UserDirectory users, AccessPolicy access, TimersConfig timers,
                             Optional<JmxConfig> jmx, List<RouteRule> routing, SecurityConfig security,
                             OperationsConfig operations, List<String> warnings, List<GatewayConfig> gateways,
                             List<GroupConfig> groups, Optional<ClusterConfig> cluster) {

    public SipwitchConfig {
        Objects.requireNonNull(file, "file");
        sources = List.copyOf(sources);
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(jmx, "jmx");
        routing = List.copyOf(routing);
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(operations, "operations");
        warnings = List.copyOf(warnings);
        gateways = List.copyOf(gateways);
        groups = List.copyOf(groups);
        Objects.requireNonNull(cluster, "cluster");
    }

    public Optional<GatewayConfig> gateway(String id) {
        return gateways.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public SipwitchConfig withStack(StackConfig newStack) {
        return new SipwitchConfig(file, sources, newStack, registry, users, access, timers, jmx, routing, security,
                operations, warnings, gateways, groups, cluster);
    }

    public SipwitchConfig withRegistry(RegistryConfig newRegistry) {
        return new SipwitchConfig(file, sources, stack, newRegistry, users, access, timers, jmx, routing, security,
                operations, warnings, gateways, groups, cluster);
    }

    public SipwitchConfig withJmx(Optional<JmxConfig> newJmx) {
        return new SipwitchConfig(file, sources, stack, registry, users, access, timers, newJmx, routing, security,
                operations, warnings, gateways, groups, cluster);
    }

    public SipwitchConfig withCluster(Optional<ClusterConfig> newCluster) {
        return new SipwitchConfig(file, sources, stack, registry, users, access, timers, jmx, routing, security,
                operations, warnings, gateways, groups, newCluster);
    }

    public SipwitchConfig withOperations(OperationsConfig newOperations) {
        return new SipwitchConfig(file, sources, stack, registry, users, access, timers, jmx, routing, security,
                newOperations, warnings, gateways, groups, cluster);
    }
}
