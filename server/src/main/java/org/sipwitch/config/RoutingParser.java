package org.sipwitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code <routing>} (merged: rules of all files appended, first match wins) → rules. */
final class RoutingParser {

    /** A state id: what {@code sipwitchctl state ID} accepts. */
    static final Pattern STATE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+#-]{0,63}");

    private RoutingParser() {
    }

    static List<RouteRule> parse(XmlElement routing) throws ConfigException {
        ElementReader r = ElementReader.of(routing, Set.of(), Set.of("route"), Set.of());
        List<RouteRule> rules = new ArrayList<>();
        for (XmlElement route : r.children("route")) {
            ElementReader rule = ElementReader.of(route, Set.of("pattern", "target", "strip", "prefix"), Set.of(),
                    Set.of("state"));
            String pattern = rule.text("pattern").orElseThrow(() -> route.error("<route> needs a <pattern>"));
            String target = rule.text("target").orElseThrow(() -> route.error("<route> needs a <target>"));
            if (!pattern.matches("[A-Za-z0-9._+#-]+\\*?|\\*")) {
                throw rule.child("pattern").get().error("<pattern> must be a user part (digits may use x for any"
                        + " digit), optionally ending in *, got \"" + ElementReader.abbreviate(pattern) + "\"");
            }
            checkTarget(rule.child("target").get(), target);
            int strip = rule.integer("strip", 0, 64, 0);
            String prefix = rule.text("prefix", "");
            if (!prefix.matches("[0-9*#+]{0,32}")) {
                throw rule.child("prefix").get().error("<prefix> must be up to 32 digits (or * # +), got \""
                        + ElementReader.abbreviate(prefix) + "\"");
            }
            String state = route.attributes().get("state");
            if (state != null && !STATE.matcher(state).matches()) {
                throw route.error("state=\"" + ElementReader.abbreviate(state) + "\" must be a state id: lower-case"
                        + " letters, digits, '_' or '-' (e.g. night)");
            }
            rules.add(new RouteRule(pattern, target, route.position(), strip, prefix, Optional.ofNullable(state)));
        }
        return rules;
    }

    /** A target is a name, {@code gateway:ID}, a sip:/sips: URI or {@code reject:CODE}; which ones exist is checked later. */
    static void checkTarget(XmlElement where, String target) throws ConfigException {
        if (target.startsWith("reject:")) {
            String code = target.substring(7);
            if (!code.matches("[4-6][0-9][0-9]")) {
                throw where.error("reject:CODE needs a 4xx, 5xx or 6xx status, got \"" + ElementReader.abbreviate(code)
                        + "\"");
            }
            return;
        }
        if (target.startsWith("gateway:")) {
            if (!TARGET_NAME.matcher(target.substring(8)).matches()) {
                throw where.error("gateway:ID needs a gateway id, got \"" + ElementReader.abbreviate(target) + "\"");
            }
            return;
        }
        if (target.startsWith("sip:") || target.startsWith("sips:")) {
            if (target.chars().anyMatch(c -> c <= 0x20 || c == '<' || c == '>' || c == '"') || target.indexOf(':') == target.length() - 1) {
                throw where.error("target URI must be a sip: or sips: URI without spaces, quotes or angle brackets");
            }
            return;
        }
        if (!TARGET_NAME.matcher(target).matches()) {
            throw where.error("target must be a user id, extension, alias or group, gateway:ID, a sip: URI or"
                    + " reject:CODE, got \"" + ElementReader.abbreviate(target) + "\"");
        }
    }
}
