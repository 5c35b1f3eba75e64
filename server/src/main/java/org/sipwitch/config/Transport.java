package org.sipwitch.config;

import java.util.Locale;
import java.util.Optional;

/** SIP transports a listener can offer. */
public enum Transport {
    UDP, TCP, TLS;

    /** Lower-case name as written in {@code <transport>}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Transport> parse(String name) {
        for (Transport t : values()) {
            if (t.configName().equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
