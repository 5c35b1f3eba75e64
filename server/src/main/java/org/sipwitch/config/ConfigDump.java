package org.sipwitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.sipwitch.sip.net.Transport;

/**
 * The effective configuration as text lines for the {@code dump} verb: one
 * {@code section.element = value} line per setting, named as in the XML so the operator
 * can find what to change. Secrets, HA1 digests and keystore passwords appear only as
 * {@code ****}.
 */
public final class ConfigDump {

    private ConfigDump() {
    }

    public static List<String> lines(SipwitchConfig config) {
        List<String> out = new ArrayList<>();
        for (var source : config.sources()) {
            out.add("source = " + source);
        }
        stack(out, config.stack());
        registry(out, config.registry());
        for (ProvisionedUser user : config.users().users()) {
            out.add(user(user));
        }
        for (String line : config.access().describe()) {
            out.add("access." + line.replaceFirst(" ", " = "));
        }
        TimersConfig timers = config.timers();
        out.add("timers.ring = " + timers.ring());
        out.add("timers.cfna = " + timers.cfna() + " (no answer after " + timers.noAnswer().toSeconds() + " s)");
        if (config.jmx().isEmpty()) {
            out.add("jmx = off (no <jmx> section: remote JMX disabled)");
        } else {
            JmxConfig jmx = config.jmx().get();
            out.add("jmx.interface = " + jmx.interfaceAddress());
            out.add("jmx.port = " + jmx.port());
            out.add("jmx.tls = " + jmx.tls());
            out.add("jmx.password-file = " + jmx.passwordFile());
            out.add("jmx.access-file = " + jmx.accessFile());
        }
        if (config.routing().isEmpty()) {
            out.add("routing = (no rules)");
        }
        for (RouteRule rule : config.routing()) {
            out.add("routing.route = " + rule.pattern() + " -> " + rule.target() + "  (" + rule.position() + ")");
        }
        security(out, config.security());
        if (config.cluster().isEmpty()) {
            out.add("cluster = off (no <cluster> section: registrations journalled in the state directory)");
        } else {
            ClusterConfig c = config.cluster().get();
            out.add("cluster.node = " + c.node());
            out.add("cluster.redis = " + c.redisShown());
            out.add("cluster.address = " + c.address().orElse("(this node's own listener)"));
            out.add("cluster.secret = " + Secret.MASK);
            out.add("cluster.liveness = " + c.livenessSeconds() + " s");
        }
        for (String warning : config.warnings()) {
            out.add("warning = " + warning);
        }
        return out;
    }

    private static void stack(List<String> out, StackConfig stack) {
        out.add("stack.interface = " + String.join(" ", stack.interfaces()));
        out.add("stack.port = " + stack.port() + (stack.port() == 0 ? " (any free port)" : ""));
        out.add("stack.transport = " + stack.transports().stream().sorted().map(Transport::param)
                .collect(Collectors.joining(" ")));
        out.add("stack.published = " + stack.published().orElse("(the bound address)"));
        out.add("stack.mapped = " + stack.mapped());
        out.add("stack.threads = " + stack.threads() + (stack.threads() == 0 ? " (auto)" : ""));
        out.add("stack.concurrency = " + stack.concurrency());
        out.add("stack.max-message = " + stack.maxMessageSize());
        out.add("stack.tls.port = " + stack.tlsPort());
        if (stack.tls().isEmpty()) {
            out.add("stack.tls = off (no keystore)");
        } else {
            TlsConfig tls = stack.tls().get();
            out.add("stack.tls.keystore = " + tls.keystore() + " (" + tls.keystoreType() + ")");
            out.add("stack.tls.password = " + Secret.MASK);
            out.add("stack.tls.truststore = " + tls.truststore().map(p -> p + " (" + tls.truststoreType() + ")")
                    .orElse("(none)"));
            if (tls.truststore().isPresent()) {
                out.add("stack.tls.truststore-password = " + Secret.MASK);
            }
            out.add("stack.tls = " + (stack.tlsEnabled() ? "on" : "off (tls not in <transport>)"));
        }
    }

    private static void registry(List<String> out, RegistryConfig registry) {
        out.add("registry.realm = " + registry.realm());
        out.add("registry.digest = " + registry.digest().configName());
        out.add("registry.extensions = " + (registry.range() == 0 ? "none"
                : registry.prefix() + ".." + registry.lastExtension())
                + " (prefix " + registry.prefix() + ", range " + registry.range() + ")");
        out.add("registry.expires = " + registry.defaultExpires());
        out.add("registry.min-expires = " + registry.minExpires());
        out.add("registry.max-expires = " + registry.maxExpires());
        out.add("registry.max-bindings = " + registry.maxBindings());
        out.add("registry.unknown-user = " + registry.unknownUserStatus());
        out.add("registry.nonce-lifetime = " + registry.nonceLifetime());
    }

    private static String user(ProvisionedUser user) {
        StringBuilder line = new StringBuilder("provision.user = ").append(user.id());
        user.extension().ifPresent(e -> line.append(" extension=").append(e));
        line.append(" display=\"").append(user.display().replace("\"", "\\\"")).append('"');
        line.append(" profile=").append(user.profile());
        // the credentials' own toString is masked; say only which kind it is
        line.append(user.credentials() instanceof Credentials.PlainSecret ? " secret=" : " digest=").append(Secret.MASK);
        if (!user.aliases().isEmpty()) {
            line.append(" aliases=").append(String.join(",", user.aliases()));
        }
        line.append("  (").append(user.position()).append(')');
        return line.toString();
    }

    private static void security(List<String> out, SecurityConfig s) {
        out.add("security.auth-failures = " + s.authFailures());
        out.add("security.auth-window = " + s.authWindow());
        out.add("security.block-time = " + s.blockTime());
        out.add("security.block-action = " + s.blockAction().name().toLowerCase(java.util.Locale.ROOT));
        out.add("security.rate-limit = " + s.rateLimit() + (s.rateLimit() == 0 ? " (off)" : ""));
        out.add("security.rate-burst = " + s.rateBurst());
        out.add("security.queue-limit = " + s.queueLimit());
        out.add("security.retry-after = " + s.retryAfter());
    }
}
