package org.sipwitch.config;

import java.util.Set;

/** {@code <timers>} → {@link TimersConfig}. */
final class TimersParser {

    static final int DEFAULT_RING = 4;
    static final int DEFAULT_CFNA = 4;
    /** A phone that is there answers a BYE within milliseconds; 5 s leaves room for UDP retransmissions. */
    static final int DEFAULT_SHUTDOWN = 5;

    private TimersParser() {
    }

    static TimersConfig parse(XmlElement timers) throws ConfigException {
        ElementReader r = ElementReader.of(timers, Set.of("ring", "cfna", "shutdown"));
        return new TimersConfig(r.integer("ring", 1, 60, DEFAULT_RING), r.integer("cfna", 1, 100, DEFAULT_CFNA),
                r.integer("shutdown", 0, TimersConfig.MAX_SHUTDOWN, DEFAULT_SHUTDOWN));
    }
}
