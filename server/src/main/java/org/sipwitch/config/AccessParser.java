package org.sipwitch.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sipwitch.ip.Cidr;

/** {@code <access>} (merged: entries of all files appended) → {@link AccessPolicy}. */
final class AccessParser {

    private AccessParser() {
    }

    static AccessPolicy parse(XmlElement access) throws ConfigException {
        ElementReader r = ElementReader.of(access, Set.of(), Set.of("trusted", "restricted"), Set.of());
        return new AccessPolicy(list(r.children("trusted")), list(r.children("restricted")));
    }

    /** Several elements, each holding one or more networks separated by spaces or commas. */
    private static List<Cidr> list(List<XmlElement> elements) throws ConfigException {
        Set<Cidr> result = new LinkedHashSet<>();
        for (XmlElement element : elements) {
            List<String> words = ElementReader.words(ElementReader.leafText(element));
            if (words.isEmpty()) {
                throw element.error(element.tag() + " is empty; give networks such as 10.0.0.0/8 or ::1");
            }
            for (String word : words) {
                try {
                    result.add(Cidr.parse(word));
                } catch (IllegalArgumentException e) {
                    throw element.error(element.tag() + ": " + e.getMessage());
                }
            }
        }
        return new ArrayList<>(result);
    }
}
