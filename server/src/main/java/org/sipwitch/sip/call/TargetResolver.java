package org.sipwitch.sip.call;

import java.util.List;
import java.util.Optional;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.registrar.UserLookup;

/**
 * What a dialled Request-URI means on this single-domain server: its user part is a
 * user id, an extension or an alias (the host is not compared: phones put our IP
 * address, a domain name, or anything there), or a number the operator activated at a
 * fixed address without provisioning it. The {@code system} identity is the server's own
 * and cannot be called.
 */
final class TargetResolver {
    /** A resolved target, or the status that refuses the call: 403, 404 or 480. */
    record Target(UserIdentity user, List<Binding> bindings, int refusal, String dialled) {
        boolean refused() {
            return refusal != 0;
        }
    }

    private final UserLookup users;
    private final LocationService location;

    TargetResolver(UserLookup users, LocationService location) {
        this.users = users;
        this.location = location;
    }

    Target resolve(SipUri uri) {
        String name = uri == null ? null : uri.isTel() ? uri.user() : uri.userDecoded();
        if (name == null || name.isEmpty()) {
            return new Target(null, List.of(), 404, "");
        }
        if (name.equals(CallStatistics.SYSTEM)) {
            return new Target(null, List.of(), 403, name);
        }
        Optional<UserIdentity> user = users.resolve(name);
        if (user.isEmpty()) {
            // an unprovisioned number the operator activated at a fixed address (a door phone)
            List<Binding> activated = location.lookup(name).stream().filter(Binding::staticBinding).toList();
            return activated.isEmpty() ? new Target(null, List.of(), 404, name)
                    : new Target(new UserIdentity(name, name, null), activated, 0, name);
        }
        List<Binding> bindings = location.lookup(user.get().id());
        if (bindings.isEmpty()) {
            return new Target(user.get(), List.of(), 480, name); // known, not registered
        }
        return new Target(user.get(), bindings, 0, name);
    }
}
