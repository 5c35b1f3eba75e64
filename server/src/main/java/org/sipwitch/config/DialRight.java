package org.sipwitch.config;

/**
 * A user's {@code <dial>}: whether calls may leave the building. Toll fraud is what an
 * attacker tries first with a stolen password, so the built-in default is {@link #INTERNAL}.
 */
public enum DialRight {
    /** Local users, extensions, groups only; a route to a gateway or foreign URI is refused with 403. */
    INTERNAL,
    /** Also gateways and foreign {@code sip:} URIs. */
    EXTERNAL;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
