package org.sipwitch.sip.security;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.ip.Cidr;

/**
 * Who may talk to the server at all, and who is trusted (the server fills them from
 * {@code <access>}): when {@code restricted} is not empty only sources inside it or
 * inside {@code trusted} are served; trusted sources skip the guards that apply.
 */
public record AccessLists(List<Cidr> trusted, List<Cidr> restricted) {

    public AccessLists {
        trusted = List.copyOf(trusted);
        restricted = List.copyOf(restricted);
    }

    public static AccessLists open() {
        return new AccessLists(List.of(), List.of());
    }

    /** Lines for the {@code policy} verb. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Cidr cidr : trusted) {
            lines.add("trusted " + cidr);
        }
        for (Cidr cidr : restricted) {
            lines.add("restricted " + cidr);
        }
        if (restricted.isEmpty()) {
            lines.add("restricted (none: all sources allowed)");
        }
        return lines;
    }
}
