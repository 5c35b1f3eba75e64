package org.sipwitch.sip.call;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Optional;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.routing.CallPlan;
import org.sipwitch.sip.routing.DialPlan;
import org.sipwitch.sip.routing.Forwards;
import org.sipwitch.sip.routing.RoutingSettings;
import org.sipwitch.sip.routing.UserPolicy;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.registrar.UserLookup;
import org.sipwitch.sip.transaction.KeyedExecutor;
import org.sipwitch.sip.transaction.Scheduler;
import org.sipwitch.sip.transaction.ServerTransaction;
import org.sipwitch.sip.transaction.TransactionLayer;
import org.sipwitch.sip.transport.MessageSender;

/**
 * The B2BUA: where the method router sends INVITE, ACK, BYE, CANCEL, MESSAGE and every
 * in-dialog request, and where the management layer lists, counts and drops calls.
 *
 * <pre>
 * CallEngine calls = new CallEngine(sender, lanes, timers, clock, localAddress, authenticator,
 *                                   users, location, () -> callSettings(live.current()), mapped);
 * TransactionLayer layer = new TransactionLayer(sender, router, lanes, timers, settings);
 * calls.attach(layer);
 * // router.onRequest(tx):  if (!calls.onRequest(tx)) { ...registrar, OPTIONS, 405... }
 * // router.onAck(ack):     calls.onAck(ack);   router.onStrayResponse(r): calls.onStrayResponse(r);
 * </pre>
 *
 * <p>Threads: the transaction layer calls in on the lane of the message's Call-ID. A
 * call's state belongs to the lane of its caller's Call-ID; messages of a target leg
 * (another Call-ID, so maybe another lane) hop onto it first. Management calls
 * ({@link #drop}, {@link #calls}) come from any thread and hop the same way.
 */
public final class CallEngine {
    private final CallContext ctx;
    private final CallerCheck callers;
    private final TargetResolver resolver;
    private final MessageRelay messages;
    private final Supplier<CallSettings> settings;
    private final UserLookup users;
    private final LocationService location;
    /** Set by {@link #endAll}: the server is going away, new calls are turned away. */
    private volatile boolean closing;

    public CallEngine(MessageSender sender, KeyedExecutor executor, Scheduler scheduler, Clock clock,
                      LocalAddress local, DigestAuthenticator authenticator, UserLookup users,
                      LocationService location, Supplier<CallSettings> settings, int slots) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ctx = new CallContext(sender, executor, scheduler, clock, new LegRequests(local), new CallTable(slots),
                new CallStatistics(clock.millis()));
        this.users = users;
        this.location = location;
        this.callers = new CallerCheck(authenticator, users, location, () -> ctx.routes);
        this.resolver = new TargetResolver(users, location);
        this.messages = new MessageRelay(ctx, callers, resolver);
    }

    /** The transaction layer to send through; it is built with the router, which holds this engine. */
    public void attach(TransactionLayer layer) {
        ctx.layer = Objects.requireNonNull(layer, "layer");
    }

    /** How phones held by other cluster nodes are reached, and their requests recognised. */
    public void setNodeRoutes(NodeRoutes routes) {
        ctx.routes = routes == null ? NodeRoutes.NONE : routes;
    }

    public void setListener(CallListener listener) {
        ctx.listener = listener == null ? CallListener.NONE : listener;
    }

    /**
     * Lane: a new request. Takes INVITE, CANCEL, out-of-dialog MESSAGE, and every
     * request carrying a To tag (in-dialog: BYE, re-INVITE, INFO, UPDATE, MESSAGE, ...);
     * returns false for anything else (REGISTER, OPTIONS, ...), which the router keeps.
     */
    public boolean onRequest(ServerTransaction tx) {
        SipRequest request = tx.request();
        String method = request.method();
        if (method.equals("CANCEL")) {
            onCancel(tx);
            return true;
        }
        String toTag;
        try {
            toTag = request.to().tag();
        } catch (SipParseException e) {
            tx.respond(400);
            return true;
        }
        if (toTag != null) {
            inDialog(tx, toTag);
            return true;
        }
        switch (method) {
            case "INVITE":
                onInvite(tx);
                return true;
            case "MESSAGE":
                messages.relay(tx, settings.get());
                return true;
            case "BYE":
            case "INFO":
            case "UPDATE":
                tx.respond(481); // these exist only inside a dialog (§15, RFC 6086, RFC 3311)
                return true;
            default:
                return false;
        }
    }

    private void onInvite(ServerTransaction tx) {
        SipRequest request = tx.request();
        try {
            if (request.maxForwards() == 0) {
                tx.respond(483);
                return;
            }
        } catch (SipParseException e) {
            tx.respond(400);
            return;
        }
        String require = request.header(HeaderNames.REQUIRE);
        if (require != null && !require.isBlank()) {
            // §8.2.2.3: we implement no extension (no 100rel, no timers), so none can be required of us
            SipResponse r = tx.createResponse(420);
            r.addHeader(HeaderNames.UNSUPPORTED, require);
            tx.respond(r);
            return;
        }
        if (closing) {
            SipResponse away = tx.createResponse(503); // stopping or restarting: try again shortly
            away.addHeader(HeaderNames.RETRY_AFTER, "5");
            tx.respond(away);
            return;
        }
        CallSettings s = settings.get();
        RoutingSettings routing = routing(s);
        Gateway gateway = routing.gateways().sourceOf(tx.inbound().source(), request.uri());
        CallPlan.Caller caller;
        boolean fromNode = false;
        if (gateway != null) {
            caller = fromGateway(gateway, request); // the provider proved nothing to us, and need not: see Gateway.isSource
        } else {
            CallerCheck.Result who = callers.check(request, tx.inbound().source(), s);
            if (who.refusal() != null) {
                tx.respond(who.refusal());
                return;
            }
            caller = CallPlan.Caller.user(routing.users().apply(who.user().id())
                    .orElse(new UserPolicy(who.user(), false, Forwards.NONE)));
            fromNode = who.fromNode();
        }
        CallPlan plan = new CallPlan(new DialPlan(routing, s.state()), location, caller);
        CallPlan.Step first;
        if (fromNode) {
            // another node of the cluster routed this call already: ring our own devices of its target
            TargetResolver.Target target = resolver.resolve(request, true);
            first = target.refused() ? CallPlan.Step.refuse(target.refusal()) : plan.ringOnly(target.user(), target.bindings());
        } else {
            first = plan.first(dialled(request.uri()));
        }
        if (first.refused()) {
            tx.respond(first.refusal());
            return;
        }
        if (ctx.table.leg(request.callId()) != null) {
            tx.respond(482); // a second INVITE for a Call-ID already in a call: a loop or a confused phone
            return;
        }
        CallPlan.Attempt attempt = first.attempt();
        CallTable table = ctx.table;
        CallSession session = table.claim(slot -> new CallSession(ctx, slot, table.nextSequence(), request.callId(),
                caller.identity(), attempt.callee(), attempt.label()));
        if (session == null) {
            SipResponse busy = tx.createResponse(503);
            busy.addHeader(HeaderNames.RETRY_AFTER, "5");
            tx.respond(busy); // every call slot taken
            return;
        }
        try {
            session.start(tx, plan, attempt, s);
        } catch (SipParseException | RuntimeException e) {
            if (session.source == null || !session.source.answered) {
                tx.respond(400);
            }
            session.end("failed");
        }
    }

    /** The dialled user part; a tel: URI's number. */
    private static String dialled(SipUri uri) {
        String name = uri == null ? null : uri.isTel() ? uri.user() : uri.userDecoded();
        return name == null ? "" : name;
    }

    private static CallPlan.Caller fromGateway(Gateway gateway, SipRequest request) {
        try {
            NameAddress from = request.from();
            return CallPlan.Caller.fromGateway(gateway, from.uri().userDecoded(), from.display());
        } catch (SipParseException e) {
            return CallPlan.Caller.fromGateway(gateway, null, null);
        }
    }

    /** The settings' dial plan inputs, or (without any) the engine's own users with no rules. */
    private RoutingSettings routing(CallSettings s) {
        if (s.routing() != null) {
            return s.routing();
        }
        return new RoutingSettings(CallSettings.DEFAULT_DOMAIN, List.of(), n -> false,
                name -> name.equals(CallStatistics.SYSTEM) ? Optional.empty()
                        : users.resolve(name).map(u -> new UserPolicy(u, false, Forwards.NONE)),
                java.util.Map.of(), GatewayDirectory.EMPTY, s.noAnswerMillis());
    }

    /** Lane: CANCEL (§9.2) — 200 for it, then the call (or the relayed re-INVITE) it cancels. */
    private void onCancel(ServerTransaction tx) {
        SipRequest cancel = tx.request(); // before the 200: a completed CANCEL lets its request go
        tx.respond(200);
        var invite = ctx.layer.findInviteFor(cancel);
        Leg leg = ctx.table.leg(cancel.callId());
        if (invite == null || leg == null) {
            return;
        }
        CallSession call = leg.session;
        ctx.onLane(call.lane, () -> {
            if (call.source != null && call.source.invite == invite) {
                call.cancelledByCaller();
            } else {
                call.relay.cancel(invite);
            }
        });
    }

    private void inDialog(ServerTransaction tx, String toTag) {
        SipRequest request = tx.request();
        Leg leg = ctx.table.leg(request.callId());
        if (leg == null) {
            tx.respond(481); // §12.2.2: no such dialog
            return;
        }
        CallSession call = leg.session;
        ctx.onLane(call.lane, () -> {
            if (call.isEnded() || !sameDialog(leg, request, toTag)) {
                tx.respond(481);
                return;
            }
            call.relay.onRequest(leg, tx);
        });
    }

    /** The request's tags are this leg's, seen from the phone: its From tag is our remote tag, its To tag ours. */
    private static boolean sameDialog(Leg leg, SipMessage request, String toTag) {
        try {
            return toTag.equals(leg.localTag()) && Objects.equals(request.from().tag(), leg.remoteTag());
        } catch (SipParseException e) {
            return false;
        }
    }

    /** Lane: an ACK for a 2xx (the transaction layer already stopped our retransmissions). */
    public void onAck(InboundMessage in) {
        SipRequest ack = (SipRequest) in.message();
        Leg leg = ctx.table.leg(ack.callId());
        if (leg == null) {
            return;
        }
        CallSession call = leg.session;
        ctx.onLane(call.lane, () -> {
            if (!call.isEnded()) {
                call.relay.onAck(leg, ack);
            }
        });
    }

    /** Lane: a 2xx retransmitted after its INVITE transaction ended (RFC 6026 §8.4): ACK it again. */
    public void onStrayResponse(InboundMessage in) {
        if (!(in.message() instanceof SipResponse response) || !response.isSuccess()) {
            return;
        }
        Leg leg = ctx.table.leg(response.callId());
        if (leg == null) {
            return;
        }
        ctx.onLane(leg.session.lane, () -> {
            leg.session.ackAgain(leg, CallSession.cseqOf(response));
        });
    }

    /** Any thread: the transaction layer could not send the ACK it replays for an ended call. */
    public void onAckNotResent(Peer to, Throwable cause) {
        ctx.acks.failed(to, cause);
    }

    // ---- management: calls, status, drop, message, statistics ----

    /** The active calls, in slot order ({@code calls}). */
    public List<CallSnapshot> calls() {
        List<CallSnapshot> out = new ArrayList<>();
        for (CallSession s : ctx.table.sessions()) {
            out.add(s.snapshot());
        }
        return out;
    }

    /** One character per call slot ({@code status}): see {@link CallState}. */
    public String status() {
        return ctx.table.status();
    }

    /**
     * Ends one call by id ({@code 0000002a:3}), or every call of a user (id or
     * extension): BYE on both legs once answered, CANCEL and 487 before. The calls end
     * on their lanes right after this returns.
     *
     * @return how many calls are being dropped
     * @throws IllegalArgumentException when no call matches
     */
    public int drop(String userOrCallId) {
        String key = Objects.requireNonNull(userOrCallId, "target").trim();
        List<CallSession> matched = new ArrayList<>();
        for (CallSession s : ctx.table.sessions()) {
            if (s.id().equals(key) || s.involves(key)) {
                matched.add(s);
            }
        }
        if (matched.isEmpty()) {
            throw new IllegalArgumentException("no call matches " + key);
        }
        for (CallSession s : matched) {
            ctx.onLane(s.lane, () -> s.hangup(null, "dropped"));
        }
        return matched.size();
    }

    /**
     * Ends every call because the server stops or restarts ({@code reason}, e.g.
     * {@code shutdown}): BYE on both legs of answered calls, 487 to the caller and CANCEL
     * to every fork of ringing ones; statistics and listeners hear each end. From now on
     * new INVITEs get 503. The future completes once every BYE and CANCELled fork has
     * its final response (the caller bounds the wait: a dead phone answers nothing).
     */
    public CompletableFuture<Void> endAll(String reason) {
        closing = true;
        CallDrain drain = new CallDrain();
        for (CallSession s : ctx.table.sessions()) {
            drain.expect();
            ctx.onLane(s.lane, () -> {
                try {
                    s.shutdown(reason, drain);
                } finally {
                    drain.settle();
                }
            });
        }
        return drain.dispatched();
    }

    /**
     * Sends a text MESSAGE from {@code system} to every contact of a registered user or
     * extension ({@code sipwitchctl message ext "text"}); returns how many contacts.
     *
     * @throws IllegalArgumentException when unknown or not registered
     */
    public int sendMessage(String userOrExtension, String text) {
        return messages.sendFromSystem(userOrExtension, text, settings.get().domain());
    }

    /** Also count every call in {@code counter} (started once, ended once, from any lane). */
    public void addCounter(CallCounter counter) {
        ctx.counters.add(Objects.requireNonNull(counter, "counter"));
    }

    /** ACKs for 2xx that could not be sent (logged; the phone repeats its 2xx), since start. */
    public long unsentAcks() {
        return ctx.acks.failed();
    }

    public CallStatistics statistics() {
        return ctx.stats;
    }

    public CallTable table() {
        return ctx.table;
    }
}
