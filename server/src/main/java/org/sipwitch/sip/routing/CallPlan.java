package org.sipwitch.sip.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.registrar.UserIdentity;

/**
 * One call's walk through the dial plan. {@link #first} says what rings first (or the
 * refusal); each time every branch of an attempt has failed the call engine asks
 * {@link #next} with how it failed, and gets the next attempt: a forwarding target
 * (busy, no answer, do-not-disturb), the next member of a sequential group, or the final
 * refusal. Forwarding to somewhere this call already rang ends with {@code 482 Loop
 * Detected}; a chain longer than {@link #MAX_HOPS} with {@code 483 Too Many Hops}.
 *
 * <p>Confined to the call's lane; no locking.
 */
public final class CallPlan {
    /** Forwarding hops one call may take. */
    public static final int MAX_HOPS = 5;

    /** Who calls. */
    public record Caller(UserIdentity identity, boolean mayDialOut, Gateway fromGateway, String number) {
        /** A provisioned user. */
        public static Caller user(UserPolicy user) {
            UserIdentity id = user.identity();
            return new Caller(id, user.mayDialOut(), null, id.extension() != null ? id.extension() : id.id());
        }

        /** A call from a provider: {@code number} is the From user it gave, {@code display} its display name. */
        public static Caller fromGateway(Gateway gateway, String number, String display) {
            return new Caller(new UserIdentity("gateway:" + gateway.id(), null, display), false, gateway,
                    number == null || number.isEmpty() ? "anonymous" : number);
        }
    }

    /** One target of an attempt: a registered device, or an address outside. */
    public record Branch(Binding binding, SipUri uri, Peer peer, Gateway gateway) {
    }

    /**
     * What rings at once.
     *
     * @param callee     who is rung (for statistics and {@code calls}); a group or gateway gets an identity of its own
     * @param label      what {@code calls} shows as the target
     * @param from       the caller as these phones are shown it
     * @param to         the To of these legs
     * @param asserted   P-Asserted-Identity to add (toward a gateway with {@code <assert>}), or null
     */
    public record Attempt(UserIdentity callee, String label, List<Branch> branches, long ringMillis, NameAddress from,
                          NameAddress to, String asserted) {
    }

    /** Ring, or refuse with a status. */
    public record Step(Attempt attempt, int refusal) {
        public static Step refuse(int status) {
            return new Step(null, status);
        }

        public boolean refused() {
            return attempt == null;
        }
    }

    /** How an attempt ended. */
    public enum Failure { BUSY, NO_ANSWER, DND, OTHER }

    private final DialPlan plan;
    private final LocationService location;
    private final Caller caller;
    private final Set<String> rung = new HashSet<>();
    private String dialled;
    private Destination current;
    private int hops;
    private int member;

    public CallPlan(DialPlan plan, LocationService location, Caller caller) {
        this.plan = plan;
        this.location = location;
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    public Step first(String dialledNumber) {
        this.dialled = dialledNumber;
        Destination d = activated(dialledNumber, plan.resolve(dialledNumber, caller.fromGateway()));
        if (d instanceof Destination.External && !caller.mayDialOut()) {
            return Step.refuse(403); // toll fraud: only <dial>external</dial> users reach gateways and foreign URIs
        }
        return enter(d);
    }

    /**
     * Rings exactly these devices of {@code callee}, with no forwarding after: a call another
     * node of the cluster routed through its own dial plan, to phones this node holds.
     */
    public Step ringOnly(UserIdentity callee, List<Binding> bindings) {
        this.dialled = callee.extension() != null ? callee.extension() : callee.id();
        List<Branch> branches = new ArrayList<>();
        for (Binding b : bindings) {
            branches.add(new Branch(b, null, null, null));
        }
        return ring(new Attempt(callee, dialled, branches, plan.settings().noAnswerMillis(), localFrom(),
                localTo(callee.display()), null));
    }

    /**
     * The next attempt after every branch of the current one failed.
     *
     * @param status what the caller would hear if nothing else rings
     */
    public Step next(Failure failure, int status) {
        if (current instanceof Destination.Local local) {
            Forwards.Kind kind = switch (failure) {
                case BUSY -> Forwards.Kind.BUSY;
                case NO_ANSWER -> Forwards.Kind.NA;
                case DND -> Forwards.Kind.DND;
                default -> null;
            };
            String target = kind == null ? null : local.user().forwards().target(kind);
            return target == null ? Step.refuse(status) : forward(target);
        }
        if (current instanceof Destination.Ring ring) {
            Group g = ring.group();
            if (g.sequential()) {
                Step s = nextMember(g);
                if (s != null) {
                    return s;
                }
            }
            return g.forwardNa() == null ? Step.refuse(g.sequential() ? 480 : status) : forward(g.forwardNa());
        }
        return Step.refuse(status);
    }

    private Step forward(String target) {
        if (++hops > MAX_HOPS) {
            return Step.refuse(483);
        }
        String number = target.startsWith("sip:") || target.startsWith("sips:") ? dialled : target;
        Destination d = target.contains(":") ? plan.target(target, number) : activated(target, plan.resolve(target, null));
        // a forwarding is the operator's (or the config's) choice, so it may leave the building
        // even when the caller may not dial out itself
        return enter(d);
    }

    /**
     * A number no user or group has, that the operator activated at a fixed address
     * ({@code sipwitchctl activate 299 ADDRESS}: a door phone), rings there.
     */
    private Destination activated(String name, Destination d) {
        if (!(d instanceof Destination.Refuse r) || r.status() != 404) {
            return d;
        }
        boolean fixed = location.lookup(name).stream().anyMatch(Binding::staticBinding);
        return fixed ? new Destination.Local(new UserPolicy(new UserIdentity(name, name, null), false, Forwards.NONE))
                : d;
    }

    private Step enter(Destination d) {
        current = d;
        if (d instanceof Destination.Refuse r) {
            return Step.refuse(r.status());
        }
        if (d instanceof Destination.Local local) {
            UserPolicy user = local.user();
            if (!rung.add("user:" + user.identity().id())) {
                return Step.refuse(482); // forwarded back to someone this call already rang
            }
            String all = user.forwards().target(Forwards.Kind.ALL);
            if (all != null) {
                return forward(all);
            }
            List<Branch> branches = devices(user.identity().id());
            if (branches.isEmpty()) {
                // not registered: no-answer forwarding, else 480; 503 when a cluster's shared store is out
                // of reach (the user may be registered at a node we cannot see)
                return next(Failure.NO_ANSWER, location.complete() ? 480 : 503);
            }
            return ring(new Attempt(user.identity(), dialled, branches, plan.settings().noAnswerMillis(), localFrom(),
                    localTo(user.identity().display()), null));
        }
        if (d instanceof Destination.Ring ring) {
            Group g = ring.group();
            if (!rung.add("group:" + g.id())) {
                return Step.refuse(482);
            }
            member = 0;
            if (g.sequential()) {
                Step s = nextMember(g);
                return s != null ? s : next(Failure.NO_ANSWER, 480);
            }
            List<Branch> branches = new ArrayList<>();
            for (String m : g.members()) {
                plan.settings().users().apply(m).ifPresent(u -> branches.addAll(devices(u.identity().id())));
            }
            if (branches.isEmpty()) {
                return next(Failure.NO_ANSWER, 480);
            }
            return ring(new Attempt(groupIdentity(g), dialled, branches, plan.settings().noAnswerMillis(), localFrom(),
                    localTo(), null));
        }
        Destination.External ext = (Destination.External) d;
        if (!rung.add("uri:" + ext.uri())) {
            return Step.refuse(482);
        }
        Gateway g = ext.gateway();
        NameAddress from = g == null ? localFrom() : g.caller();
        String asserted = g != null && g.assertIdentity() && caller.fromGateway() == null
                ? "<" + SipUri.sip(caller.number(), plan.settings().domain(), -1) + ">" : null;
        UserIdentity callee = new UserIdentity(g == null ? ext.label() : "gateway:" + g.id(), null, null);
        return ring(new Attempt(callee, ext.label(), List.of(new Branch(null, ext.uri(), ext.peer(), g)),
                plan.settings().noAnswerMillis(), from, new NameAddress(null, ext.uri().withoutParams(), null), asserted));
    }

    /** The next member of a sequential group who has a registered device, or null after the last. */
    private Step nextMember(Group g) {
        while (member < g.members().size()) {
            String name = g.members().get(member++);
            var user = plan.settings().users().apply(name);
            if (user.isEmpty()) {
                continue;
            }
            List<Branch> branches = devices(user.get().identity().id());
            if (!branches.isEmpty()) {
                return ring(new Attempt(groupIdentity(g), dialled, branches, g.ringMillis(), localFrom(), localTo(),
                        null));
            }
        }
        return null;
    }

    private static UserIdentity groupIdentity(Group g) {
        return new UserIdentity(g.id(), g.extension(), g.id());
    }

    private static Step ring(Attempt a) {
        return new Step(a, 0);
    }

    private List<Branch> devices(String userId) {
        List<Branch> out = new ArrayList<>();
        for (Binding b : location.lookup(userId)) {
            out.add(new Branch(b, null, null, null));
        }
        return out;
    }

    /** The caller as local phones see it: {@code "Display" <sip:EXT-or-ID@DOMAIN>} (a provider's caller: its number). */
    private NameAddress localFrom() {
        return new NameAddress(caller.identity().display(), SipUri.sip(caller.number(), plan.settings().domain(), -1),
                null);
    }

    /** What was dialled, at our domain; a user's display name when one user is rung (null: none). */
    private NameAddress localTo(String display) {
        return new NameAddress(display == null || display.isEmpty() ? null : display,
                SipUri.sip(dialled, plan.settings().domain(), -1), null);
    }

    private NameAddress localTo() {
        return localTo(null);
    }
}
