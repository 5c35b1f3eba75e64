package org.sipwitch.sip.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.registrar.UserLookup;

/**
 * What a dialled Request-URI means on this single-domain server: its user part is a
 * user id, an extension or an alias (the host is not compared: phones put our IP
 * address, a domain name, or anything there), or a number the operator activated at a
 * fixed address without provisioning it. The {@code system} identity is the server's own
 * and cannot be called.
 *
 * <p>In a cluster, a request another node sent on (signed) names our phone's Contact as
 * its Request-URI and the user in its To: only this node's own bindings are used, so a
 * hop never goes on to a third node. When no binding is known and the shared store is
 * unreachable, the answer is {@code 503}: the user may be registered at another node.
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

    /** The target of an out-of-dialog request; {@code fromNode}: another node sent it on for one of our phones. */
    Target resolve(SipRequest request, boolean fromNode) {
        if (!fromNode) {
            return resolve(request.uri());
        }
        SipUri to;
        try {
            to = request.to().uri();
        } catch (SipParseException e) {
            return new Target(null, List.of(), 404, "");
        }
        Target byName = resolve(to);
        if (byName.refused()) {
            return byName.refusal() == 503 ? new Target(byName.user(), List.of(), 480, byName.dialled()) : byName;
        }
        List<Binding> own = new ArrayList<>();
        List<Binding> exact = new ArrayList<>();
        String contact = request.uri().toString();
        for (Binding b : byName.bindings()) {
            if (b.node() == null) {
                own.add(b);
                if (b.sameContact(contact)) {
                    exact.add(b);
                }
            }
        }
        List<Binding> chosen = exact.isEmpty() ? own : exact;
        return chosen.isEmpty() ? new Target(byName.user(), List.of(), 480, byName.dialled())
                : new Target(byName.user(), chosen, 0, byName.dialled());
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
            if (!location.complete()) {
                return new Target(user.get(), List.of(), 503, name); // maybe registered at a node we cannot see
            }
            return new Target(user.get(), List.of(), 480, name); // known, not registered
        }
        return new Target(user.get(), bindings, 0, name);
    }
}
