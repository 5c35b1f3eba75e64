package org.sipwitch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code sipwitch.xml} and the enabled drop-ins of {@code sipwitch.d/} into one
 * checked {@link SipwitchConfig}.
 *
 * <p>Steps: parse every file (securely, recording lines) → merge the trees
 * ({@link ConfigMerger}) → hand each section to its parser → cross-checks (extension
 * ranges, duplicates, digest lengths). The first problem stops the load with a
 * {@link ConfigException} naming file and line; nothing is half-applied because nothing
 * is applied at all: the caller swaps in the new config only when this returns. That is
 * the whole reload story:
 *
 * <pre>{@code
 * try {
 *     SipwitchConfig next = ConfigLoader.load(file);
 *     current = next;                        // only now
 * } catch (ConfigException e) {
 *     report(e.getMessage());                // "conf/sipwitch.xml:14: <port> must be ..."
 * }                                          // and the old config stays in force
 * }</pre>
 *
 * ({@link LiveConfig} does exactly this.)
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static SipwitchConfig load(Path configFile) throws ConfigException {
        Objects.requireNonNull(configFile, "configFile");
        List<Path> sources = new ArrayList<>();
        sources.add(configFile);
        sources.addAll(new ConfigStore(configFile).enabledFiles());
        List<XmlElement> roots = new ArrayList<>();
        for (Path source : sources) {
            roots.add(XmlReader.read(source));
        }
        return build(configFile, sources, ConfigMerger.merge(roots));
    }

    /** The configuration of an empty {@code <sipwitch/>}: every default, no users, remote JMX off. */
    public static SipwitchConfig defaults() {
        Path none = Path.of("(defaults)");
        try {
            return build(none, List.of(none),
                    new XmlElement(ConfigMerger.ROOT, Map.of(), "", List.of(), SourcePosition.of(none)));
        } catch (ConfigException e) {
            throw new IllegalStateException("defaults do not load: " + e.getMessage(), e);
        }
    }

    private static SipwitchConfig build(Path configFile, List<Path> sources, XmlElement root) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        StackConfig stack = StackParser.parse(section(root, "stack"), warnings);
        RegistryConfig registry = RegistryParser.parse(section(root, "registry"));
        DialRight defaultDial = TemplatesParser.defaultDial(section(root, "templates"));
        ProvisionParser.Provision provision = ProvisionParser.parse(section(root, "provision"), registry, defaultDial);
        List<ProvisionedUser> users = provision.users();
        AccessPolicy access = AccessParser.parse(section(root, "access"));
        TimersConfig timers = TimersParser.parse(section(root, "timers"));
        Optional<JmxConfig> jmx = JmxParser.parse(section(root, "jmx"), warnings);
        List<RouteRule> routing = RoutingParser.parse(section(root, "routing"));
        SecurityConfig security = SecurityParser.parse(section(root, "security"));
        OperationsConfig operations = OperationsParser.parse(section(root, "metrics"), section(root, "cdr"),
                warnings);
        UserDirectory directory = new UserDirectory(users);
        RouteTargets.check(routing, directory, provision);
        Optional<ClusterConfig> cluster = ClusterParser.parse(section(root, "cluster"));
        return new SipwitchConfig(configFile, sources, stack, registry, directory, access, timers,
                jmx, routing, security, operations, warnings, provision.gateways(), provision.groups(), cluster);
    }

    /** The merged section, or null when no file has it (its parser then yields defaults). */
    private static XmlElement section(XmlElement root, String name) {
        for (XmlElement child : root.children()) {
            if (child.name().equals(name)) {
                return child;
            }
        }
        return null;
    }
}
