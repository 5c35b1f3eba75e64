package org.sipwitch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sipwitch.ip.IpLiteral;
import org.sipwitch.sip.net.Transport;

/** {@code <stack>} → {@link StackConfig}. */
final class StackParser {

    static final int DEFAULT_PORT = 5060;
    static final int DEFAULT_TLS_PORT = 5061;
    static final int DEFAULT_MAPPED = 200;
    static final int DEFAULT_MAX_MESSAGE = 65535;

    private StackParser() {
    }

    static StackConfig parse(XmlElement stack, List<String> warnings) throws ConfigException {
        ElementReader r = ElementReader.of(stack,
                Set.of("port", "transport", "published", "mapped", "threads", "concurrency", "max-message", "tls"),
                Set.of("interface"), Set.of());

        List<String> interfaces = interfaces(r);
        int port = r.integer("port", 0, 65535, DEFAULT_PORT);
        Set<Transport> transports = transports(r);
        Optional<String> published = r.text("published");
        if (published.isPresent() && !isHostOrAddress(published.get())) {
            throw r.child("published").get().error("<published> must be a host name or IP address, got \""
                    + ElementReader.abbreviate(published.get()) + "\"");
        }
        int mapped = r.integer("mapped", 1, 100_000, DEFAULT_MAPPED);
        int threads = r.integer("threads", 0, 1024, 0);
        int concurrency = r.integer("concurrency", 0, Rules.MAX_CONCURRENCY, 0);
        if (concurrency == 0) {
            // auto: enough workers to keep the cores busy while some wait on locks or I/O
            concurrency = Rules.autoConcurrency();
        }
        int maxMessage = r.integer("max-message", 1024, 1 << 20, DEFAULT_MAX_MESSAGE);

        ElementReader tls = ElementReader.of(r.child("tls").orElse(null),
                Set.of("port", "keystore", "password", "type", "truststore", "truststore-password", "truststore-type"));
        int tlsPort = tls.integer("port", 0, 65535, DEFAULT_TLS_PORT);
        Optional<TlsConfig> tlsConfig = tlsConfig(tls);

        if (transports.contains(Transport.TLS) && tlsConfig.isEmpty()) {
            warnings.add(r.child("transport").get().position()
                    + ": tls is listed in <transport> but no <tls><keystore> is configured: TLS stays off");
        }
        if (!transports.contains(Transport.TLS) && tlsConfig.isPresent()) {
            warnings.add(tls.element().get().position()
                    + ": a TLS keystore is configured but tls is not listed in <transport>: TLS stays off");
        }
        return new StackConfig(interfaces, port, transports, tlsPort, tlsConfig, published, mapped, threads,
                concurrency, maxMessage);
    }

    private static List<String> interfaces(ElementReader r) throws ConfigException {
        Set<String> result = new LinkedHashSet<>();
        XmlElement first = null;
        for (XmlElement element : r.children("interface")) {
            first = first == null ? element : first;
            for (String word : ElementReader.words(ElementReader.leafText(element))) {
                if (word.equals(StackConfig.ALL_INTERFACES)) {
                    result.add(word);
                    continue;
                }
                String address = IpLiteral.parse(word).map(IpLiteral::format).orElseThrow(() -> element.error(
                        "<interface> must be * or an IPv4/IPv6 address, got \"" + ElementReader.abbreviate(word) + "\""));
                result.add(address);
            }
        }
        if (first == null) {
            return List.of(StackConfig.ALL_INTERFACES);
        }
        if (result.isEmpty()) {
            throw first.error("<interface> must not be empty: use * for all interfaces");
        }
        if (result.contains(StackConfig.ALL_INTERFACES) && result.size() > 1) {
            throw first.error("<interface> * already means all interfaces; do not list others beside it");
        }
        return new ArrayList<>(result);
    }

    private static Set<Transport> transports(ElementReader r) throws ConfigException {
        Optional<XmlElement> element = r.child("transport");
        if (element.isEmpty()) {
            return EnumSet.of(Transport.UDP, Transport.TCP);
        }
        Set<Transport> result = EnumSet.noneOf(Transport.class);
        for (String word : ElementReader.words(ElementReader.leafText(element.get()))) {
            result.add(Optional.ofNullable(Transport.fromToken(word)).orElseThrow(() -> element.get().error(
                    "<transport> lists udp, tcp and/or tls, got \"" + ElementReader.abbreviate(word) + "\"")));
        }
        if (result.isEmpty()) {
            throw element.get().error("<transport> must list at least one of udp, tcp, tls");
        }
        return result;
    }

    private static Optional<TlsConfig> tlsConfig(ElementReader tls) throws ConfigException {
        Optional<XmlElement> keystore = tls.child("keystore");
        if (keystore.isEmpty()) {
            for (String orphan : List.of("password", "type", "truststore", "truststore-password", "truststore-type")) {
                if (tls.has(orphan)) {
                    throw tls.child(orphan).get().error("<" + orphan + "> in <tls> needs a <keystore>");
                }
            }
            return Optional.empty();
        }
        Path keystorePath = readableFile(keystore.get());
        Optional<Path> truststore = Optional.empty();
        if (tls.has("truststore")) {
            truststore = Optional.of(readableFile(tls.child("truststore").get()));
        }
        return Optional.of(new TlsConfig(keystorePath,
                Secret.of(tls.text("password", "")),
                keystoreType(tls, "type"),
                truststore,
                Secret.of(tls.text("truststore-password", "")),
                keystoreType(tls, "truststore-type")));
    }

    private static String keystoreType(ElementReader tls, String name) throws ConfigException {
        String type = tls.text(name, TlsConfig.DEFAULT_TYPE);
        if (!type.matches("[A-Za-z0-9_-]{1,32}")) {
            throw tls.child(name).get().error("<" + name + "> must be a keystore type such as PKCS12 or JKS, got \""
                    + ElementReader.abbreviate(type) + "\"");
        }
        return type;
    }

    /**
     * A path relative to the directory of the file it is written in, checked now so that
     * a typo is reported at load (with its line), not when the first TLS client connects.
     */
    static Path readableFile(XmlElement element) throws ConfigException {
        String text = ElementReader.leafText(element);
        if (text.isEmpty()) {
            throw element.error(element.tag() + " must name a file");
        }
        Path path = relativeTo(element, text);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw element.error(element.tag() + " names " + path + ", which is not a readable file");
        }
        return path;
    }

    static Path relativeTo(XmlElement element, String text) {
        Path given = Path.of(text);
        return given.isAbsolute() ? given : element.position().file().resolveSibling(given).normalize();
    }

    private static boolean isHostOrAddress(String text) {
        return IpLiteral.parse(text).isPresent()
                || text.matches("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    }
}
