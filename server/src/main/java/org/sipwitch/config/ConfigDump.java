package org.sipwitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sipwitch.ip.Cidr;
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

    /**
     * One setting as the dump shows it: {@code key = value}, and where it was written
     * for settings that are lists of elements (users, routes). Two configurations hold
     * the same setting when key and value are equal; the place does not count.
     */
    public record Entry(String key, String value, String where) {
        public String line() {
            return key + " = " + value + (where.isEmpty() ? "" : "  (" + where + ")");
        }
    }

    public static List<String> lines(SipwitchConfig config) {
        return entries(config).stream().map(Entry::line).toList();
    }

    /**
     * The settings in force, each annotated where the files say otherwise: changed live
     * ({@code realm}, {@code concurrency}) until the next reload, or waiting for a restart.
     */
    public static List<String> lines(LiveConfig live) {
        SipwitchConfig inForce = live.current();
        Map<String, List<String>> files = ConfigChanges.valuesByKey(live.loaded());
        Map<String, List<String>> now = ConfigChanges.valuesByKey(inForce);
        List<String> out = new ArrayList<>();
        for (Entry e : entries(inForce)) {
            List<String> fileValues = files.getOrDefault(e.key(), List.of());
            if (fileValues.equals(now.get(e.key())) || ConfigChanges.IGNORED.contains(e.key())) {
                out.add(e.line());
            } else if (live.liveKeys().contains(e.key())) {
                out.add(e.line() + "  [set live; the files say " + String.join(", ", fileValues) + "]");
            } else {
                out.add(e.line() + "  [the files say " + String.join(", ", fileValues) + ": "
                        + ConfigChanges.needs(e.key()) + "]");
            }
        }
        return out;
    }

    public static List<Entry> entries(SipwitchConfig config) {
        List<Entry> out = new ArrayList<>();
        for (var source : config.sources()) {
            out.add(entry("source", source));
        }
        stack(out, config.stack());
        registry(out, config.registry());
        for (ProvisionedUser user : config.users().users()) {
            out.add(user(user));
        }
        for (GroupConfig g : config.groups()) {
            out.add(new Entry("provision.group", g.id() + g.extension().map(e -> " extension=" + e).orElse("")
                    + " mode=" + (g.sequential() ? "sequential" : "all") + " members=" + String.join(",", g.members())
                    + (g.rings() > 0 ? " ring=" + g.rings() : "") + g.forwardNa().map(t -> " na=" + t).orElse(""),
                    g.position().toString()));
        }
        for (GatewayConfig g : config.gateways()) {
            // the user name is not secret (it is in every From we send); the credentials are
            out.add(new Entry("provision.gateway", g.id() + " proxy=" + g.proxyHost()
                    + (g.proxyPort() > 0 ? ":" + g.proxyPort() : "") + ";transport=" + g.transport()
                    + " domain=" + g.domain() + " user=" + g.user()
                    + (g.credentials() instanceof Credentials.PlainSecret ? " secret=" : " digest=") + Secret.MASK
                    + " register=" + (g.register() > 0 ? g.register() + "s" : "off")
                    + g.callerId().map(c -> " caller-id=" + c).orElse("") + (g.assertIdentity() ? " assert" : "")
                    + g.incoming().map(t -> " incoming=" + t).orElse(""), g.position().toString()));
        }
        for (Cidr cidr : config.access().trusted()) {
            out.add(entry("access.trusted", cidr));
        }
        for (Cidr cidr : config.access().restricted()) {
            out.add(entry("access.restricted", cidr));
        }
        if (config.access().restricted().isEmpty()) {
            out.add(entry("access.restricted", "(none: all sources allowed)"));
        }
        TimersConfig timers = config.timers();
        out.add(entry("timers.ring", timers.ring()));
        out.add(entry("timers.cfna", timers.cfna() + " (no answer after " + timers.noAnswer().toSeconds() + " s)"));
        out.add(entry("timers.shutdown", timers.shutdown()));
        if (config.jmx().isEmpty()) {
            out.add(entry("jmx", "off (no <jmx> section: remote JMX disabled)"));
        } else {
            JmxConfig jmx = config.jmx().get();
            out.add(entry("jmx.interface", jmx.interfaceAddress()));
            out.add(entry("jmx.port", jmx.port()));
            out.add(entry("jmx.tls", jmx.tls()));
            out.add(entry("jmx.password-file", jmx.passwordFile()));
            out.add(entry("jmx.access-file", jmx.accessFile()));
        }
        if (config.routing().isEmpty()) {
            out.add(entry("routing", "(no rules)"));
        }
        for (RouteRule rule : config.routing()) {
            out.add(new Entry("routing.route", rule.pattern() + (rule.strip() > 0 ? " strip=" + rule.strip() : "")
                    + (rule.prefix().isEmpty() ? "" : " prefix=" + rule.prefix())
                    + rule.state().map(st -> " state=" + st).orElse("") + " -> " + rule.target(),
                    rule.position().toString()));
        }
        security(out, config.security());
        operations(out, config.operations());
        if (config.cluster().isEmpty()) {
            out.add(entry("cluster", "off (no <cluster> section: registrations journalled in the state directory)"));
        } else {
            ClusterConfig c = config.cluster().get();
            out.add(entry("cluster.node", c.node()));
            out.add(entry("cluster.redis", c.redisShown()));
            out.add(entry("cluster.address", c.address().orElse("(this node's own listener)")));
            out.add(entry("cluster.secret", Secret.MASK));
            out.add(entry("cluster.liveness", c.livenessSeconds() + " s"));
        }
        for (String warning : config.warnings()) {
            out.add(entry("warning", warning));
        }
        return out;
    }

    private static Entry entry(String key, Object value) {
        return new Entry(key, String.valueOf(value), "");
    }

    private static void operations(List<Entry> out, OperationsConfig ops) {
        if (ops.metrics().isEmpty()) {
            out.add(entry("metrics", "off (no <metrics> section: no /metrics endpoint)"));
        } else {
            out.add(entry("metrics.interface", ops.metrics().get().interfaceAddress()));
            out.add(entry("metrics.port", ops.metrics().get().port()));
        }
        CdrConfig cdr = ops.cdr();
        out.add(entry("cdr.enabled", cdr.enabled()));
        out.add(entry("cdr.retention", cdr.retentionDays() + (cdr.retentionDays() == 0 ? " (keep all)" : " days")));
        out.add(entry("cdr.recent", cdr.recent()));
        cdr.jdbc().ifPresent(j -> {
            // a password may be written into the URL itself
            out.add(entry("cdr.jdbc.url", j.url().replaceAll("(?i)(password=)[^&;]*", "$1" + Secret.MASK)));
            out.add(entry("cdr.jdbc.user", j.user()));
            out.add(entry("cdr.jdbc.password", (j.password().isEmpty() ? "(none)" : Secret.MASK)));
            out.add(entry("cdr.jdbc.table", j.table()));
        });
    }

    private static void stack(List<Entry> out, StackConfig stack) {
        out.add(entry("stack.interface", String.join(" ", stack.interfaces())));
        out.add(entry("stack.port", stack.port() + (stack.port() == 0 ? " (any free port)" : "")));
        out.add(entry("stack.transport", stack.transports().stream().sorted().map(Transport::param)
                .collect(Collectors.joining(" "))));
        out.add(entry("stack.published", stack.published().orElse("(the bound address)")));
        out.add(entry("stack.mapped", stack.mapped()));
        out.add(entry("stack.threads", stack.threads() + (stack.threads() == 0 ? " (auto)" : "")));
        out.add(entry("stack.concurrency", stack.concurrency()));
        out.add(entry("stack.max-message", stack.maxMessageSize()));
        out.add(entry("stack.tls.port", stack.tlsPort()));
        if (stack.tls().isEmpty()) {
            out.add(entry("stack.tls", "off (no keystore)"));
        } else {
            TlsConfig tls = stack.tls().get();
            out.add(entry("stack.tls.keystore", tls.keystore() + " (" + tls.keystoreType() + ")"));
            out.add(entry("stack.tls.password", Secret.MASK));
            out.add(entry("stack.tls.truststore", tls.truststore().map(p -> p + " (" + tls.truststoreType() + ")")
                    .orElse("(none)")));
            if (tls.truststore().isPresent()) {
                out.add(entry("stack.tls.truststore-password", Secret.MASK));
            }
            out.add(entry("stack.tls", stack.tlsEnabled() ? "on" : "off (tls not in <transport>)"));
        }
        WebSocketConfig ws = stack.webSockets();
        out.add(entry("stack.ws.port", ws.wsPort()
                + (stack.transports().contains(Transport.WS) ? "" : " (ws not in <transport>)")));
        out.add(entry("stack.wss.port", ws.wssPort() + (stack.wssEnabled() ? ""
                : stack.transports().contains(Transport.WSS) ? " (off: no <tls><keystore>)" : " (wss not in <transport>)")));
        out.add(entry("stack.ws.origin", ws.origins().isEmpty() ? "(any)" : String.join(" ", ws.origins())));
    }

    private static void registry(List<Entry> out, RegistryConfig registry) {
        out.add(entry("registry.realm", registry.realm()));
        out.add(entry("registry.domain", registry.domain()));
        out.add(entry("registry.digest", registry.digest().configName()));
        out.add(entry("registry.extensions", (registry.range() == 0 ? "none"
                : registry.prefix() + ".." + registry.lastExtension())
                + " (prefix " + registry.prefix() + ", range " + registry.range() + ")"));
        out.add(entry("registry.expires", registry.defaultExpires()));
        out.add(entry("registry.min-expires", registry.minExpires()));
        out.add(entry("registry.max-expires", registry.maxExpires()));
        out.add(entry("registry.max-bindings", registry.maxBindings()));
        out.add(entry("registry.unknown-user", registry.unknownUserStatus()));
        out.add(entry("registry.nonce-lifetime", registry.nonceLifetime()));
    }

    private static Entry user(ProvisionedUser user) {
        StringBuilder line = new StringBuilder(user.id());
        user.extension().ifPresent(e -> line.append(" extension=").append(e));
        line.append(" display=\"").append(user.display().replace("\"", "\\\"")).append('"');
        line.append(" profile=").append(user.profile());
        // the credentials' own toString is masked; say only which kind it is
        line.append(user.credentials() instanceof Credentials.PlainSecret ? " secret=" : " digest=").append(Secret.MASK);
        if (!user.aliases().isEmpty()) {
            line.append(" aliases=").append(String.join(",", user.aliases()));
        }
        line.append(" dial=").append(user.dial().configName());
        if (!user.forwarding().isEmpty()) {
            Forwarding f = user.forwarding();
            f.all().ifPresent(t -> line.append(" forward-all=").append(t));
            f.busy().ifPresent(t -> line.append(" forward-busy=").append(t));
            f.na().ifPresent(t -> line.append(" forward-na=").append(t));
            f.dnd().ifPresent(t -> line.append(" forward-dnd=").append(t));
        }
        return new Entry("provision.user", line.toString(), user.position().toString());
    }

    private static void security(List<Entry> out, SecurityConfig s) {
        out.add(entry("security.auth-failures", s.authFailures()));
        out.add(entry("security.auth-window", s.authWindow()));
        out.add(entry("security.block-time", s.blockTime()));
        out.add(entry("security.block-action", s.blockAction().name().toLowerCase(java.util.Locale.ROOT)));
        out.add(entry("security.rate-limit", s.rateLimit() + (s.rateLimit() == 0 ? " (off)" : "")));
        out.add(entry("security.rate-burst", s.rateBurst()));
        out.add(entry("security.queue-limit", s.queueLimit()));
        out.add(entry("security.queue-delay", s.queueDelay()));
        out.add(entry("security.retry-after", s.retryAfter()));
        out.add(entry("security.scan-users", s.scanUsers()));
        out.add(entry("security.connections-per-source", s.connectionsPerSource()));
        out.add(entry("security.head-timeout", s.headTimeout()));
    }
}
