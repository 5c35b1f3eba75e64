package org.sipwitch.management;

import java.util.List;
import java.util.Locale;

/**
 * The named state overlays of the {@code state} verb. {@code up} is normal service;
 * {@code night}, {@code away} and {@code closed} are recorded and announced (a
 * {@code sipwitch.state.changed} event) for routing rules to consult. Unknown names are
 * refused with the list of known ones.
 */
final class NamedStates {

    static final List<String> KNOWN = List.of("up", "night", "away", "closed");

    private volatile String current = "up";

    String current() {
        return current;
    }

    /** Switches state; returns true when it changed. */
    synchronized boolean set(String state) {
        String name = state == null ? "" : state.strip().toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            throw new IllegalArgumentException("unknown state '" + state + "' (known: " + String.join(", ", KNOWN) + ")");
        }
        boolean changed = !name.equals(current);
        current = name;
        return changed;
    }
}
