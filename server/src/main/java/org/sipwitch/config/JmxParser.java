package org.sipwitch.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sipwitch.ip.IpLiteral;

/** {@code <jmx>} → {@link JmxConfig}, or empty when the section is absent (remote JMX off). */
final class JmxParser {

    static final String DEFAULT_INTERFACE = "127.0.0.1";
    static final int DEFAULT_PORT = 9010;
    static final String DEFAULT_PASSWORD_FILE = "jmxremote.password";
    static final String DEFAULT_ACCESS_FILE = "jmxremote.access";

    private JmxParser() {
    }

    static Optional<JmxConfig> parse(XmlElement jmx, List<String> warnings) throws ConfigException {
        if (jmx == null) {
            return Optional.empty();
        }
        ElementReader r = ElementReader.of(jmx, Set.of("interface", "port", "tls", "password-file", "access-file"));
        String text = r.text("interface", DEFAULT_INTERFACE);
        InetAddress address = IpLiteral.parse(text).orElseThrow(() -> r.child("interface").get().error(
                "<interface> of <jmx> must be an IPv4 or IPv6 address, got \"" + ElementReader.abbreviate(text) + "\""));
        int port = r.integer("port", 0, 65535, DEFAULT_PORT);
        boolean tls = r.bool("tls", false);
        if (!address.isLoopbackAddress() && !tls) {
            warnings.add(jmx.position() + ": remote JMX listens on " + text
                    + " without TLS: passwords cross the network in clear; prefer 127.0.0.1 or <tls>true</tls>");
        }
        return Optional.of(new JmxConfig(IpLiteral.format(address), port, tls,
                file(jmx, r, "password-file", DEFAULT_PASSWORD_FILE), file(jmx, r, "access-file", DEFAULT_ACCESS_FILE)));
    }

    private static java.nio.file.Path file(XmlElement jmx, ElementReader r, String name, String fallback)
            throws ConfigException {
        Optional<XmlElement> element = r.child(name);
        if (element.isEmpty()) {
            return StackParser.relativeTo(jmx, fallback);
        }
        String text = ElementReader.leafText(element.get());
        if (text.isEmpty()) {
            throw element.get().error("<" + name + "> must name a file");
        }
        // not checked for existence here: the JMX agent reports a missing file with its own advice
        return StackParser.relativeTo(element.get(), text);
    }
}
