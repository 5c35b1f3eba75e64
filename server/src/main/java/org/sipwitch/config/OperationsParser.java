package org.sipwitch.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sipwitch.ip.IpLiteral;

/** {@code <metrics>} and {@code <cdr>} → {@link OperationsConfig}. */
final class OperationsParser {

    static final String DEFAULT_INTERFACE = "127.0.0.1";
    static final int DEFAULT_METRICS_PORT = 9095;
    static final int DEFAULT_RETENTION_DAYS = 90;
    static final int DEFAULT_RECENT = 100;
    static final String DEFAULT_TABLE = "sipwitch_cdr";
    /** The table name goes into SQL text, so only a plain identifier (optionally schema.table) is accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private OperationsParser() {
    }

    static OperationsConfig parse(XmlElement metrics, XmlElement cdr, List<String> warnings) throws ConfigException {
        return new OperationsConfig(metrics(metrics, warnings), cdr(cdr));
    }

    private static Optional<MetricsConfig> metrics(XmlElement metrics, List<String> warnings) throws ConfigException {
        if (metrics == null) {
            return Optional.empty();
        }
        ElementReader r = ElementReader.of(metrics, Set.of("interface", "port"));
        String text = r.text("interface", DEFAULT_INTERFACE);
        InetAddress address = IpLiteral.parse(text).orElseThrow(() -> r.child("interface").get().error(
                "<interface> of <metrics> must be an IPv4 or IPv6 address, got \"" + ElementReader.abbreviate(text)
                        + "\""));
        if (!address.isLoopbackAddress()) {
            warnings.add(metrics.position() + ": /metrics listens on " + text
                    + " without authentication: anyone who reaches it reads the call and registration counts");
        }
        return Optional.of(new MetricsConfig(IpLiteral.format(address), r.integer("port", 0, 65535,
                DEFAULT_METRICS_PORT)));
    }

    private static CdrConfig cdr(XmlElement cdr) throws ConfigException {
        if (cdr == null) {
            return new CdrConfig(true, DEFAULT_RETENTION_DAYS, DEFAULT_RECENT, Optional.empty());
        }
        ElementReader r = ElementReader.of(cdr, Set.of("enabled", "retention", "recent", "jdbc"));
        Optional<CdrConfig.Jdbc> jdbc = Optional.empty();
        Optional<XmlElement> j = r.child("jdbc");
        if (j.isPresent()) {
            ElementReader jr = ElementReader.of(j.get(), Set.of("url", "user", "password", "table"));
            String url = jr.text("url").orElseThrow(() -> j.get().error("<jdbc> of <cdr> needs a <url>"));
            if (!url.startsWith("jdbc:")) {
                throw jr.child("url").get().error("<url> of <jdbc> must be a JDBC URL (jdbc:...), got \""
                        + ElementReader.abbreviate(url) + "\"");
            }
            String table = jr.text("table", DEFAULT_TABLE);
            if (!IDENTIFIER.matcher(table).matches()) {
                throw jr.child("table").get().error("<table> of <jdbc> must be a plain SQL name like sipwitch_cdr "
                        + "or schema.sipwitch_cdr, got \"" + ElementReader.abbreviate(table) + "\"");
            }
            jdbc = Optional.of(new CdrConfig.Jdbc(url, jr.text("user", ""), Secret.of(jr.text("password", "")),
                    table));
        }
        return new CdrConfig(r.bool("enabled", true), r.integer("retention", 0, 36500, DEFAULT_RETENTION_DAYS),
                r.integer("recent", 0, 10000, DEFAULT_RECENT), jdbc);
    }
}
