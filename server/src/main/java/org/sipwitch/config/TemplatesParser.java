package org.sipwitch.config;

import java.util.Set;

/**
 * {@code <templates><user>…</user></templates>}: defaults for every {@code <user>} that
 * does not say otherwise. Today: {@code <dial>}.
 */
final class TemplatesParser {

    private TemplatesParser() {
    }

    static DialRight defaultDial(XmlElement templates) throws ConfigException {
        ElementReader r = ElementReader.of(templates, Set.of("user"));
        XmlElement user = r.child("user").orElse(null);
        if (user == null) {
            return DialRight.INTERNAL;
        }
        return ProvisionParser.dial(ElementReader.of(user, Set.of("dial")), DialRight.INTERNAL);
    }
}
