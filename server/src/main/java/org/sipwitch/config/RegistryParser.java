package org.sipwitch.config;

import java.util.Optional;
import java.util.Set;
import org.sipwitch.digest.DigestAlgorithm;

/** {@code <registry>} → {@link RegistryConfig}. */
final class RegistryParser {

    static final String DEFAULT_REALM = "sipwitch";
    static final int DEFAULT_PREFIX = 100;
    static final int DEFAULT_RANGE = 900;
    static final int DEFAULT_EXPIRES = 3600;
    static final int DEFAULT_MIN_EXPIRES = 60;
    static final int DEFAULT_MAX_EXPIRES = 7200;
    static final int DEFAULT_MAX_BINDINGS = 5;
    static final int DEFAULT_NONCE_LIFETIME = 300;
    private static final int WEEK = 7 * 24 * 3600;

    private RegistryParser() {
    }

    static RegistryConfig parse(XmlElement registry) throws ConfigException {
        ElementReader r = ElementReader.of(registry, Set.of("realm", "digest", "prefix", "range", "expires",
                "min-expires", "max-expires", "max-bindings", "unknown-user", "nonce-lifetime"));

        String realm = r.text("realm", DEFAULT_REALM);
        Optional<String> realmProblem = Rules.realmProblem(realm);
        if (realmProblem.isPresent()) {
            throw r.child("realm").get().error("<realm> " + realmProblem.get() + ", got \""
                    + ElementReader.abbreviate(realm) + "\"");
        }
        DigestAlgorithm digest = DigestAlgorithm.MD5;
        Optional<XmlElement> digestElement = r.child("digest");
        if (digestElement.isPresent()) {
            String name = ElementReader.leafText(digestElement.get());
            digest = DigestAlgorithm.parse(name).orElseThrow(() -> digestElement.get().error(
                    "<digest> must be md5 or sha-256, got \"" + ElementReader.abbreviate(name) + "\""));
        }
        int prefix = r.integer("prefix", 0, 99_999_999, DEFAULT_PREFIX);
        int range = r.integer("range", 0, 1_000_000, DEFAULT_RANGE);

        int minExpires = r.integer("min-expires", 1, WEEK, DEFAULT_MIN_EXPIRES);
        int maxExpires = r.integer("max-expires", 1, WEEK, DEFAULT_MAX_EXPIRES);
        if (maxExpires < minExpires) {
            throw r.child("max-expires").or(() -> r.child("min-expires")).get().error(
                    "<max-expires> " + maxExpires + " is below <min-expires> " + minExpires);
        }
        int defaultExpires = r.integer("expires", 1, WEEK, clamp(DEFAULT_EXPIRES, minExpires, maxExpires));
        if (defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw r.child("expires").get().error("<expires> " + defaultExpires + " must lie between <min-expires> "
                    + minExpires + " and <max-expires> " + maxExpires);
        }
        int maxBindings = r.integer("max-bindings", 1, 1000, DEFAULT_MAX_BINDINGS);
        int unknownUser = 403;
        Optional<XmlElement> unknownElement = r.child("unknown-user");
        if (unknownElement.isPresent()) {
            String text = ElementReader.leafText(unknownElement.get());
            if (!text.equals("403") && !text.equals("404")) {
                throw unknownElement.get().error("<unknown-user> must be 403 or 404, got \""
                        + ElementReader.abbreviate(text) + "\"");
            }
            unknownUser = Integer.parseInt(text);
        }
        int nonceLifetime = r.integer("nonce-lifetime", 5, 86_400, DEFAULT_NONCE_LIFETIME);

        return new RegistryConfig(realm, digest, prefix, range, defaultExpires, minExpires, maxExpires,
                maxBindings, unknownUser, nonceLifetime);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
