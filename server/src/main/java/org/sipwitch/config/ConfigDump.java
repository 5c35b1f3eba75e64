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
            out.add(new Entry("routing.route", rule.pattern() + " -> " + rule.target(), rule.position().toString()));
        }
        security(out, config.security());
        operations(out, config.operations());
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
    }

    private static void registry(List<Entry> out, RegistryConfig registry) {
        out.add(entry("registry.realm", registry.realm()));
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
    }
}
