package org.sipwitch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code <provision><group id="…">} → {@link GroupConfig}. Members are checked against the users by the caller. */
final class GroupParser {

    private GroupParser() {
    }

    static GroupConfig group(XmlElement element, RegistryConfig registry) throws ConfigException {
        ElementReader.checkAttributes(element, Set.of("id"));
        String id = element.attributes().get("id");
        if (id == null) {
            throw element.error("<group> needs an id attribute: <group id=\"sales\">");
        }
        ProvisionParser.checkName(element, "group id", id);
        ElementReader r = ElementReader.of(element, Set.of("extension", "mode", "ring", "forwarding"),
                Set.of("member"), Set.of("id"));
        Optional<String> extension = ProvisionParser.extensionOf(r, registry);
        List<String> members = new ArrayList<>();
        for (XmlElement member : r.children("member")) {
            String name = ElementReader.leafText(member);
            if (members.contains(name)) {
                throw member.error("<member> \"" + name + "\" is given twice in group \"" + id + "\"");
            }
            members.add(name);
        }
        if (members.isEmpty()) {
            throw element.error("group \"" + id + "\" needs at least one <member>");
        }
        String mode = r.text("mode", "all");
        if (!mode.equals("all") && !mode.equals("sequential")) {
            throw r.child("mode").get().error("<mode> must be all or sequential, got \"" + ElementReader.abbreviate(mode)
                    + "\"");
        }
        int rings = r.integer("ring", 1, 100, 0);
        Forwarding forwarding = ProvisionParser.forwarding(r.child("forwarding").orElse(null), Set.of("na"));
        return new GroupConfig(id, extension, members, mode.equals("sequential"), rings, forwarding.na(),
                element.position());
    }
}
