package org.sipwitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code <routing>} (merged: rules of all files appended, first match wins) → rules. */
final class RoutingParser {

    private RoutingParser() {
    }

    static List<RouteRule> parse(XmlElement routing) throws ConfigException {
        ElementReader r = ElementReader.of(routing, Set.of(), Set.of("route"), Set.of());
        List<RouteRule> rules = new ArrayList<>();
        for (XmlElement route : r.children("route")) {
            ElementReader rule = ElementReader.of(route, Set.of("pattern", "target"));
            String pattern = rule.text("pattern").orElseThrow(() -> route.error("<route> needs a <pattern>"));
            String target = rule.text("target").orElseThrow(() -> route.error("<route> needs a <target>"));
            if (!pattern.matches("[A-Za-z0-9._+#-]+\\*?|\\*")) {
                throw rule.child("pattern").get().error("<pattern> must be a user part, optionally ending in *, got \""
                        + ElementReader.abbreviate(pattern) + "\"");
            }
            if (target.isEmpty() || target.chars().anyMatch(c -> c <= 0x20 || c == '<' || c == '>' || c == '"')) {
                throw rule.child("target").get().error("<target> must be a sip: URI, user id or extension without"
                        + " spaces, quotes or angle brackets");
            }
            rules.add(new RouteRule(pattern, target, route.position()));
        }
        return rules;
    }
}
