package org.sipwitch.config;

import java.util.Set;

/** {@code <timers>} → {@link TimersConfig}. */
final class TimersParser {

    static final int DEFAULT_RING = 4;
    static final int DEFAULT_CFNA = 4;

    private TimersParser() {
    }

    static TimersConfig parse(XmlElement timers) throws ConfigException {
        ElementReader r = ElementReader.of(timers, Set.of("ring", "cfna"));
        return new TimersConfig(r.integer("ring", 1, 60, DEFAULT_RING), r.integer("cfna", 1, 100, DEFAULT_CFNA));
    }
}
