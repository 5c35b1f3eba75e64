package org.sipwitch.sip.routing;

import java.util.Optional;
import org.sipwitch.ip.IpLiteral;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * Resolves a dialled user part: numbers inside the extension range are local and never
 * re-routed; otherwise the first {@code <route>} that matches (and applies in the
 * server's current state) rewrites the number and names the target; with no rule, the
 * name is looked up among users and groups. In state {@code closed} a call no rule of
 * that state routes is refused with {@code 480}.
 */
public final class DialPlan {
    /** The state in which unrouted calls are refused. */
    public static final String CLOSED = "closed";
    /** The server's own identity. */
    static final String SYSTEM = "system";

    private final RoutingSettings settings;
    private final String state;

    public DialPlan(RoutingSettings settings, String state) {
        this.settings = settings;
        this.state = state;
    }

    public RoutingSettings settings() {
        return settings;
    }

    /**
     * @param fromGateway the gateway the call came in from, or null: its unmatched numbers go
     *                    to the gateway's {@code <incoming>}
     */
    public Destination resolve(String dialled, Gateway fromGateway) {
        if (dialled == null || dialled.isEmpty()) {
            return new Destination.Refuse(404);
        }
        if (!settings.inExtensionRange().test(dialled)) {
            for (Rule rule : settings.rules()) {
                if (rule.appliesIn(state) && rule.matches(dialled)) {
                    return target(rule.target(), rule.rewrite(dialled));
                }
            }
        }
        if (CLOSED.equals(state)) {
            return new Destination.Refuse(480);
        }
        Destination local = local(dialled);
        if (local instanceof Destination.Refuse && fromGateway != null && fromGateway.incoming() != null) {
            return target(fromGateway.incoming(), dialled);
        }
        return local;
    }

    /** A target written in a rule, a forwarding or a gateway's {@code <incoming>}, for {@code number}. */
    Destination target(String target, String number) {
        if (target.startsWith("reject:")) {
            return new Destination.Refuse(Integer.parseInt(target.substring(7)));
        }
        if (target.startsWith("gateway:")) {
            Gateway g = settings.gateways().get(target.substring(8));
            if (g == null) {
                return new Destination.Refuse(404);
            }
            return new Destination.External(g, g.uri(number), g.proxy(), target + "/" + number);
        }
        if (target.startsWith("sip:") || target.startsWith("sips:")) {
            return uri(target, number);
        }
        return local(target);
    }

    /** A name dialled inside: a user (id, extension, alias) or a group (id, extension), else 404. */
    Destination local(String name) {
        if (name.equals(SYSTEM)) {
            return new Destination.Refuse(403); // the server's own identity (sipwitchctl message) cannot be called
        }
        Optional<UserPolicy> user = settings.users().apply(name);
        if (user.isPresent()) {
            return new Destination.Local(user.get());
        }
        Group group = settings.groups().get(name);
        if (group != null) {
            return new Destination.Ring(group);
        }
        return new Destination.Refuse(404);
    }

    /**
     * A foreign URI; without a user part it takes the number. Its host must be an IP
     * address: a call's lane never waits for DNS (a provider known by name is a gateway,
     * resolved once at start).
     */
    private static Destination uri(String target, String number) {
        SipUri uri;
        try {
            uri = SipUri.parse(target);
        } catch (SipParseException e) {
            return new Destination.Refuse(404);
        }
        if (uri.user() == null || uri.user().isEmpty()) {
            uri = uri.withUser(number);
        }
        Transport t = uri.transport() == null ? (uri.isSecure() ? Transport.TLS : Transport.UDP)
                : Transport.fromToken(uri.transport());
        if (t == null) {
            return new Destination.Refuse(416);
        }
        var address = IpLiteral.parse(uri.host());
        if (address.isEmpty()) {
            return new Destination.Refuse(503);
        }
        Peer peer = new Peer(t, new java.net.InetSocketAddress(address.get(), uri.portOr(t.defaultPort())));
        return new Destination.External(null, uri, peer, uri.toString());
    }
}
