package org.sipwitch.config;

import java.net.InetAddress;
import java.util.List;
import org.sipwitch.ip.Cidr;

/**
 * {@code <access>}: who may talk to the server at all, and who is trusted.
 *
 * <ul>
 *   <li><b>restricted</b>: when this list is not empty, only sources inside it (or inside
 *       a trusted network) may register, call or send messages; everyone else gets
 *       {@code 403}. When it is empty, every source is allowed (and must authenticate).</li>
 *   <li><b>trusted</b>: sources here are always allowed, and requests from a registered
 *       user on a trusted network may skip the digest re-challenge.</li>
 * </ul>
 */
public record AccessPolicy(List<Cidr> trusted, List<Cidr> restricted) {

    public AccessPolicy {
        trusted = List.copyOf(trusted);
        restricted = List.copyOf(restricted);
    }

    public static AccessPolicy open() {
        return new AccessPolicy(List.of(), List.of());
    }

    public boolean isTrusted(InetAddress address) {
        return matches(trusted, address);
    }

    public boolean isAllowed(InetAddress address) {
        return restricted.isEmpty() || matches(restricted, address) || matches(trusted, address);
    }

    private static boolean matches(List<Cidr> list, InetAddress address) {
        for (Cidr cidr : list) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
