package org.sipwitch.sip.routing;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** A user's forwarding targets per kind (GNU sipwitch's {@code <forwarding>}); absent kinds ring normally. */
public record Forwards(Map<Forwards.Kind, String> targets) {
    public static final Forwards NONE = new Forwards(Map.of());

    /** When a call is forwarded. */
    public enum Kind {
        /** Always, before any phone rings. */
        ALL,
        /** Every device answered busy (486/600). */
        BUSY,
        /** No answer within the ring time, or no device registered. */
        NA,
        /** Every device refused at once: 480 or 603, what phones in do-not-disturb answer. */
        DND;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String token) {
            for (Kind k : values()) {
                if (k.token().equals(token)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("forwarding kind must be all, busy, na or dnd, got '" + token + "'");
        }
    }

    public Forwards {
        targets = targets.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(targets));
    }

    public String target(Kind kind) {
        return targets.get(kind);
    }
}
