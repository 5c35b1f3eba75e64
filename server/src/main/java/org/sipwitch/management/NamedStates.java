package org.sipwitch.management;

import java.util.List;
import java.util.Locale;

/**
 * The named state overlays of the {@code state} verb. {@code up} is normal service; any
 * other id ({@code night}, {@code away}, {@code holiday}, …) selects the routing rules
 * written with {@code state="ID"}, and {@code closed} also refuses every call no rule of
 * its own routes. Changes are announced (a {@code sipwitch.state.changed} event) and
 * handed to the SIP side. Ids are lower-case letters, digits, '_' and '-'.
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
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("bad state id '" + state + "': use lower-case letters, digits, '_' or"
                    + " '-' (e.g. " + String.join(", ", KNOWN) + ")");
        }
        boolean changed = !name.equals(current);
        current = name;
        return changed;
    }
}
