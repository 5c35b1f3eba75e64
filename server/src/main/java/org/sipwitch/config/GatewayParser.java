package org.sipwitch.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipwitch.digest.DigestAlgorithm;

/** {@code <provision><gateway id="…">} → {@link GatewayConfig}. Never echoes a secret in an error. */
final class GatewayParser {

    /** host:port[;transport=udp|tcp|tls], the host a name, IPv4 or bracketed IPv6. */
    private static final Pattern PROXY = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?(?:;transport=(udp|tcp|tls))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+*#!~'()%-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{32}|[0-9A-Fa-f]{64}");

    private GatewayParser() {
    }

    static GatewayConfig gateway(XmlElement element) throws ConfigException {
        ElementReader.checkAttributes(element, Set.of("id"));
        String id = element.attributes().get("id");
        if (id == null) {
            throw element.error("<gateway> needs an id attribute: <gateway id=\"provider\">");
        }
        ProvisionParser.checkName(element, "gateway id", id);
        ElementReader r = ElementReader.of(element, Set.of("proxy", "domain", "user", "secret", "digest", "register",
                "caller-id", "assert", "incoming"), Set.of(), Set.of("id"));
        XmlElement proxyElement = r.child("proxy").orElseThrow(() -> element.error("gateway \"" + id
                + "\" needs a <proxy>host:port</proxy>"));
        String proxy = ElementReader.leafText(proxyElement);
        Matcher m = PROXY.matcher(proxy);
        if (!m.matches()) {
            throw proxyElement.error("<proxy> must be host[:port][;transport=udp|tcp|tls], got \""
                    + ElementReader.abbreviate(proxy) + "\"");
        }
        String host = m.group(1);
        int port = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw proxyElement.error("<proxy> port " + port + " is above 65535");
        }
        String transport = m.group(3) == null ? "udp" : m.group(3).toLowerCase(Locale.ROOT);
        String domain = r.text("domain", host);
        if (!RegistryParser.HOST.matcher(domain).matches()) {
            throw r.child("domain").get().error("<domain> must be a host name or IP address, got \""
                    + ElementReader.abbreviate(domain) + "\"");
        }
        XmlElement userElement = r.child("user").orElseThrow(() -> element.error("gateway \"" + id
                + "\" needs a <user>: the account name at the provider"));
        String user = ElementReader.leafText(userElement);
        if (!USER.matcher(user).matches()) {
            throw userElement.error("<user> must be 1 to 64 characters of a SIP user part, got \""
                    + ElementReader.abbreviate(user) + "\"");
        }
        Credentials credentials = credentials(id, r);
        int register = r.integer("register", 10, 86_400, 0);
        Optional<String> callerId = r.text("caller-id");
        if (callerId.isPresent() && !USER.matcher(callerId.get()).matches()) {
            throw r.child("caller-id").get().error("<caller-id> must be a SIP user part (a number), got \""
                    + ElementReader.abbreviate(callerId.get()) + "\"");
        }
        boolean assertIdentity = r.bool("assert", false);
        Optional<String> incoming = r.text("incoming");
        if (incoming.isPresent()) {
            RoutingParser.checkTarget(r.child("incoming").get(), incoming.get());
        }
        return new GatewayConfig(id, host, port, transport, domain, user, credentials, register, callerId,
                assertIdentity, incoming, element.position());
    }

    private static Credentials credentials(String id, ElementReader r) throws ConfigException {
        Optional<XmlElement> secret = r.child("secret");
        Optional<XmlElement> digest = r.child("digest");
        if (secret.isPresent() && digest.isPresent()) {
            throw digest.get().error("gateway \"" + id + "\" has both <secret> and <digest>; give one");
        }
        if (secret.isPresent()) {
            String value = ElementReader.leafText(secret.get());
            if (value.isEmpty()) {
                throw secret.get().error("<secret> of gateway \"" + id + "\" is empty");
            }
            return new Credentials.PlainSecret(Secret.of(value));
        }
        if (digest.isPresent()) {
            String hex = ElementReader.leafText(digest.get());
            if (!HEX.matcher(hex).matches()) {
                throw digest.get().error("<digest> of gateway \"" + id + "\" must be the HA1 in hex (32 digits for md5,"
                        + " 64 for sha-256), got " + hex.length() + " characters");
            }
            // the provider's realm is only known from its challenge: the HA1 is taken as made for it
            return new Credentials.StoredDigest(hex.toLowerCase(Locale.ROOT), "",
                    hex.length() == 32 ? DigestAlgorithm.MD5 : DigestAlgorithm.SHA_256);
        }
        throw r.element().map(e -> e.error("gateway \"" + id + "\" needs a <secret> or a <digest> for the provider"))
                .orElseThrow();
    }
}
