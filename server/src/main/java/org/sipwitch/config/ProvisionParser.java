package org.sipwitch.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * {@code <provision>} (already merged from the main file and drop-ins) → users.
 *
 * <p>User ids, extensions and aliases share one namespace, because a caller dials any of
 * them the same way: each name may belong to one user only, and a clash is reported
 * naming both places.
 */
final class ProvisionParser {

    /** Reserved for the server's own identity (e.g. {@code message} from {@code system}). */
    static final Set<String> RESERVED = Set.of("system");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    private ProvisionParser() {
    }

    /** A name taken in the namespace, and by what. */
    private record Claim(String what, XmlElement where) {
    }

    /** Everything {@code <provision>} holds. */
    record Provision(List<ProvisionedUser> users, List<GatewayConfig> gateways, List<GroupConfig> groups) {
    }

    static List<ProvisionedUser> parse(XmlElement provision, RegistryConfig registry) throws ConfigException {
        return parse(provision, registry, DialRight.INTERNAL).users();
    }

    static Provision parse(XmlElement provision, RegistryConfig registry, DialRight defaultDial)
            throws ConfigException {
        ElementReader r = ElementReader.of(provision, Set.of(), Set.of("user", "gateway", "group"), Set.of());
        Map<String, Claim> names = new HashMap<>();
        List<ProvisionedUser> users = new ArrayList<>();
        for (XmlElement element : r.children("user")) {
            ProvisionedUser user = user(element, registry, defaultDial);
            claim(names, user.id(), "user id \"" + user.id() + "\"", element);
            // an extension equal to the user's own id names the same user: no second claim
            if (user.extension().isPresent() && !user.extension().get().equals(user.id())) {
                claim(names, user.extension().get(), "extension " + user.extension().get() + " of user \"" + user.id() + "\"",
                        element.children().stream().filter(c -> c.name().equals("extension")).findFirst().orElse(element));
            }
            List<XmlElement> aliasElements = element.children().stream().filter(c -> c.name().equals("alias")).toList();
            for (int i = 0; i < user.aliases().size(); i++) {
                String alias = user.aliases().get(i);
                claim(names, alias, "alias \"" + alias + "\" of user \"" + user.id() + "\"", aliasElements.get(i));
            }
            users.add(user);
        }
        List<GroupConfig> groups = new ArrayList<>();
        for (XmlElement element : r.children("group")) {
            GroupConfig group = GroupParser.group(element, registry);
            claim(names, group.id(), "group id \"" + group.id() + "\"", element);
            if (group.extension().isPresent()) {
                claim(names, group.extension().get(), "extension " + group.extension().get() + " of group \""
                        + group.id() + "\"", element);
            }
            for (String member : group.members()) {
                if (users.stream().noneMatch(u -> u.id().equals(member) || u.extension().orElse("").equals(member)
                        || u.aliases().contains(member))) {
                    throw element.error("<member> \"" + member + "\" of group \"" + group.id()
                            + "\" is no provisioned user");
                }
            }
            groups.add(group);
        }
        List<GatewayConfig> gateways = new ArrayList<>();
        Map<String, XmlElement> gatewayIds = new HashMap<>();
        for (XmlElement element : r.children("gateway")) {
            GatewayConfig gateway = GatewayParser.gateway(element);
            XmlElement earlier = gatewayIds.putIfAbsent(gateway.id(), element);
            if (earlier != null) {
                throw element.error("duplicate: gateway \"" + gateway.id() + "\" is already defined at "
                        + earlier.position());
            }
            gateways.add(gateway);
        }
        return new Provision(users, gateways, groups);
    }

    private static void claim(Map<String, Claim> names, String name, String what, XmlElement where)
            throws ConfigException {
        Claim earlier = names.putIfAbsent(name, new Claim(what, where));
        if (earlier != null) {
            throw where.error("duplicate: " + what + " is already taken by " + earlier.what() + " at "
                    + earlier.where().position());
        }
    }

    private static ProvisionedUser user(XmlElement element, RegistryConfig registry, DialRight defaultDial)
            throws ConfigException {
        ElementReader.checkAttributes(element, Set.of("id"));
        String id = element.attributes().get("id");
        if (id == null) {
            throw element.error("<user> needs an id attribute: <user id=\"alice\">");
        }
        checkName(element, "user id", id);
        ElementReader r = ElementReader.of(element, Set.of("extension", "display", "secret", "digest", "profile", "dial",
                        "forwarding"),
                Set.of("alias"), Set.of("id"));

        Optional<String> extension = extension(r, registry);
        String display = r.text("display", id);
        if (display.isEmpty() || display.length() > 128 || display.chars().anyMatch(Character::isISOControl)) {
            throw r.child("display").get().error("<display> of user \"" + id
                    + "\" must be 1 to 128 characters without control characters");
        }
        String profile = r.text("profile", ProvisionedUser.DEFAULT_PROFILE);
        if (!PROFILE.matcher(profile).matches()) {
            throw r.child("profile").get().error("<profile> must be a name of letters, digits, '.', '_' or '-', got \""
                    + ElementReader.abbreviate(profile) + "\"");
        }
        Credentials credentials = credentials(element, r, id, registry);

        Set<String> aliases = new LinkedHashSet<>();
        for (XmlElement alias : r.children("alias")) {
            String name = ElementReader.leafText(alias);
            checkName(alias, "<alias>", name);
            if (!aliases.add(name)) {
                throw alias.error("<alias> \"" + name + "\" is given twice for user \"" + id + "\"");
            }
        }
        DialRight dial = dial(r, defaultDial);
        Forwarding forwarding = forwarding(r.child("forwarding").orElse(null), Set.of("all", "busy", "na", "dnd"));
        return new ProvisionedUser(id, extension, display, profile, credentials, List.copyOf(aliases),
                element.position(), dial, forwarding);
    }

    static DialRight dial(ElementReader r, DialRight fallback) throws ConfigException {
        Optional<XmlElement> element = r.child("dial");
        if (element.isEmpty()) {
            return fallback;
        }
        String text = ElementReader.leafText(element.get());
        switch (text) {
            case "internal":
                return DialRight.INTERNAL;
            case "external":
                return DialRight.EXTERNAL;
            default:
                throw element.get().error("<dial> must be internal or external, got \"" + ElementReader.abbreviate(text)
                        + "\"");
        }
    }

    /** {@code <forwarding>} with the kinds allowed here; each target is checked like a route's. */
    static Forwarding forwarding(XmlElement element, Set<String> kinds) throws ConfigException {
        if (element == null) {
            return Forwarding.NONE;
        }
        ElementReader r = ElementReader.of(element, kinds);
        List<Optional<String>> targets = new ArrayList<>(4);
        for (String name : List.of("all", "busy", "na", "dnd")) {
            Optional<String> target = r.text(name);
            if (target.isPresent()) {
                RoutingParser.checkTarget(r.child(name).get(), target.get());
                if (target.get().startsWith("reject:")) {
                    throw r.child(name).get().error("a forwarding target must be somewhere to ring, not reject:");
                }
            }
            targets.add(target);
        }
        return new Forwarding(targets.get(0), targets.get(1), targets.get(2), targets.get(3));
    }

    static Optional<String> extensionOf(ElementReader r, RegistryConfig registry) throws ConfigException {
        return extension(r, registry);
    }

    static void checkName(XmlElement where, String what, String name) throws ConfigException {
        if (!NAME.matcher(name).matches()) {
            throw where.error(what + " must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter"
                    + " or digit), got \"" + ElementReader.abbreviate(name) + "\"");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw where.error(what + " \"" + name + "\" is reserved for the server itself");
        }
    }

    private static Optional<String> extension(ElementReader r, RegistryConfig registry) throws ConfigException {
        Optional<XmlElement> element = r.child("extension");
        if (element.isEmpty()) {
            return Optional.empty();
        }
        XmlElement e = element.get();
        String text = ElementReader.leafText(e);
        // leading zeros would make "0201" and "201" two spellings of one number
        if (!text.matches("0|[1-9][0-9]{0,8}")) {
            throw e.error("<extension> must be a number without leading zeros, got \""
                    + ElementReader.abbreviate(text) + "\"");
        }
        int number = Integer.parseInt(text);
        if (registry.range() == 0) {
            throw e.error("<extension> " + number + " given, but extensions are off (<registry> <range> is 0)");
        }
        if (!registry.inRange(number)) {
            throw e.error("<extension> " + number + " is outside the registry range " + registry.prefix() + ".."
                    + registry.lastExtension() + " (<prefix> " + registry.prefix() + ", <range> " + registry.range() + ")");
        }
        return Optional.of(text);
    }

    static Credentials credentials(XmlElement user, ElementReader r, String id, RegistryConfig registry)
            throws ConfigException {
        Optional<XmlElement> secret = r.child("secret");
        Optional<XmlElement> digest = r.child("digest");
        if (secret.isPresent() && digest.isPresent()) {
            throw digest.get().error("user \"" + id + "\" has both <secret> (line " + secret.get().position().line()
                    + ") and <digest>; give one");
        }
        if (secret.isPresent()) {
            // Never echo the value in a message: the message may end up in a log.
            String value = ElementReader.leafText(secret.get());
            if (value.isEmpty()) {
                throw secret.get().error("<secret> of user \"" + id + "\" is empty");
            }
            return new Credentials.PlainSecret(Secret.of(value));
        }
        if (digest.isPresent()) {
            String hex = ElementReader.leafText(digest.get());
            DigestAlgorithm algorithm = registry.digest();
            if (hex.length() != algorithm.hexLength() || !HEX.matcher(hex).matches()) {
                throw digest.get().error("<digest> of user \"" + id + "\" must be " + algorithm.hexLength()
                        + " hex digits for " + algorithm.configName() + " (the <registry> digest), got "
                        + hex.length() + " characters" + (HEX.matcher(hex).matches() || hex.isEmpty() ? "" : " with non-hex ones"));
            }
            return new Credentials.StoredDigest(hex.toLowerCase(Locale.ROOT), registry.realm(), algorithm);
        }
        throw user.error("user \"" + id + "\" needs a <secret> or a <digest>");
    }
}
