package org.sipwitch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code <cluster>} → {@link ClusterConfig}, or empty when the section is absent (a single server). */
final class ClusterParser {
    static final int DEFAULT_LIVENESS = 3;
    static final int MIN_SECRET = 16;
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-socket");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ADDRESS = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})(;transport=(udp|tcp|tls))?", Pattern.CASE_INSENSITIVE);

    private ClusterParser() {
    }

    static Optional<ClusterConfig> parse(XmlElement cluster) throws ConfigException {
        if (cluster == null) {
            return Optional.empty();
        }
        ElementReader r = ElementReader.of(cluster, Set.of("node", "redis", "address", "secret", "liveness"));
        String node = required(cluster, r, "node");
        if (!NODE.matcher(node).matches()) {
            throw r.child("node").get().error("<node> of <cluster> must be a name of letters, digits, '.', '_' "
                    + "or '-' (at most 63), got \"" + ElementReader.abbreviate(node) + "\"");
        }
        String redis = required(cluster, r, "redis");
        String shown = redisShown(r.child("redis").get(), redis);
        Optional<String> address = r.text("address");
        if (address.isPresent()) {
            var m = ADDRESS.matcher(address.get());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                throw r.child("address").get().error("<address> of <cluster> must be host:port (optionally "
                        + ";transport=udp|tcp|tls), got \"" + ElementReader.abbreviate(address.get()) + "\"");
            }
        }
        Optional<XmlElement> secretElement = r.child("secret");
        if (secretElement.isEmpty()) {
            throw cluster.error("<cluster> needs a <secret>: the shared secret that signs node-to-node requests");
        }
        String secret = ElementReader.leafText(secretElement.get());
        if (secret.length() < MIN_SECRET) {
            throw secretElement.get().error("<secret> of <cluster> must be at least " + MIN_SECRET
                    + " characters (got " + secret.length() + ")");
        }
        int liveness = r.integer("liveness", 1, 300, DEFAULT_LIVENESS);
        return Optional.of(new ClusterConfig(node, Secret.of(redis), shown, address, Secret.of(secret), liveness));
    }

    private static String required(XmlElement cluster, ElementReader r, String name) throws ConfigException {
        String value = r.text(name).orElseThrow(() -> cluster.error("<cluster> needs a <" + name + ">"));
        if (value.isEmpty()) {
            throw r.child(name).get().error("<" + name + "> of <cluster> is empty");
        }
        return value;
    }

    /**
     * Checks the URI's form (Lettuce checks the rest when it connects) and returns it without
     * user and password. The error never repeats the URI: it may carry the password.
     */
    static String redisShown(XmlElement element, String redis) throws ConfigException {
        URI uri;
        try {
            uri = new URI(redis);
        } catch (URISyntaxException e) {
            throw element.error("<redis> of <cluster> is not a URI (expected redis://host:port, "
                    + "rediss://, redis-sentinel:// or redis-socket:///path)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw element.error("<redis> of <cluster> must be a redis://, rediss://, redis-sentinel:// or "
                    + "redis-socket:// URI, got scheme \"" + ElementReader.abbreviate(scheme) + "\"");
        }
        if (scheme.equals("redis-socket")) {
            if (uri.getPath() == null || uri.getPath().isEmpty()) {
                throw element.error("<redis> of <cluster>: redis-socket:// needs the socket's path");
            }
            return scheme + "://" + uri.getPath();
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw element.error("<redis> of <cluster> names no host (expected " + scheme + "://host:port)");
        }
        int at = authority.lastIndexOf('@');
        String hosts = at < 0 ? authority : authority.substring(at + 1);
        return scheme + "://" + hosts + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
