package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.sipwitch.sip.security.GateDecision.Outcome;
import org.sipwitch.sip.security.GateDecision.Reason;

/**
 * The one decision for an inbound request, taken before any parsing beyond the request
 * line: the access lists, the block list, the per-source rate limit and server overload.
 *
 * <p>In this order, and why:
 * <ol>
 *   <li><b>blocked</b> source → {@code <block-action>}: dropped, or {@code 403}.</li>
 *   <li><b>not allowed</b> (outside {@code <restricted>}, not trusted) → {@code 403}.</li>
 *   <li><b>over its rate</b> (trusted sources exempt when {@link GuardLimits#exemptTrusted()})
 *       → over UDP dropped: a source address on a datagram can be forged, and answering a
 *       flood would reflect it at the forged victim; over TCP/TLS (address proven by the
 *       handshake) {@code 503} with {@code Retry-After}, since a dropped request on a stream
 *       is never retransmitted and the phone would just hang for 32 s.</li>
 *   <li><b>overloaded</b> server → {@code 503} with {@code Retry-After} for new work only;
 *       {@code ACK}, {@code CANCEL}, {@code BYE} and requests inside a dialog still pass, as
 *       they end calls or belong to calls already accepted and free the very resources
 *       that are short.</li>
 * </ol>
 * A refusal that would send a {@code 403} is turned into a drop when the source is over its
 * rate, so refusals cannot be used as an amplifier either; and an {@code ACK} is never
 * answered (there is no response to an ACK), so every refusal of an ACK is a drop.
 *
 * <p>Counters per outcome and per reason feed stats and history. Logging is not done here:
 * no log line per request; the listeners of {@link AuthFailureGuard} and
 * {@link OverloadGuard} log once per episode.
 */
public final class AccessGate {

    private record Settings(AccessLists policy, SecuritySettings security, CidrMatcher restricted,
                            CidrMatcher trusted, GateDecision blocked, GateDecision[] refuse403,
                            GateDecision[] drop, GateDecision[] unavailable) {
    }

    private final AuthFailureGuard authGuard;
    private final RateLimiter rateLimiter;
    private final OverloadGuard overload;
    private final boolean exemptTrusted;
    private final LongAdder[] byOutcome = adders(Outcome.values().length);
    private final LongAdder[] byReason = adders(Reason.values().length);
    private volatile Settings settings;

    public AccessGate(AccessLists policy, SecuritySettings security, AuthFailureGuard authGuard, RateLimiter rateLimiter,
                      OverloadGuard overload, boolean exemptTrusted) {
        this.authGuard = Objects.requireNonNull(authGuard, "authGuard");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.overload = Objects.requireNonNull(overload, "overload");
        this.exemptTrusted = exemptTrusted;
        this.settings = settings(policy, security);
    }

    /** Everything built from these settings, with the given table caps and clock. */
    public static AccessGate of(AccessLists access, SecuritySettings security, GuardLimits limits, TimeSource time) {
        AuthFailureGuard guard = new AuthFailureGuard(security, access, limits, time);
        RateLimiter limiter = new RateLimiter(security, limits.maxBuckets(), time);
        return new AccessGate(access, security, guard, limiter, new OverloadGuard(security), limits.exemptTrusted());
    }

    /**
     * Applies reloaded settings to the gate and all guards. The block list, the buckets
     * and the counters carry on.
     */
    public void reconfigure(AccessLists policy, SecuritySettings security) {
        authGuard.reconfigure(security, policy);
        rateLimiter.reconfigure(security);
        overload.reconfigure(security);
        settings = settings(policy, security);
    }

    /**
     * The decision for one inbound request.
     *
     * @param source   the packet's source address (after {@code received}/{@code rport}: the
     *                 real peer, never a Via host)
     * @param method   the request method, upper case as parsed ({@code INVITE}, {@code ACK}, …)
     * @param reliable true for TCP and TLS, false for UDP
     */
    public GateDecision decide(InetAddress source, String method, boolean reliable) {
        return decide(source, method, reliable, Request.INITIAL);
    }

    /** What a request is to the overload guard. */
    public enum Request {
        /** a new request without credentials */
        INITIAL,
        /** a new request answering a challenge */
        CREDENTIALED,
        /** a request within a dialog (its To has a tag): it completes work already accepted */
        IN_DIALOG
    }

    /**
     * The decision for one inbound request, knowing what it is to the overload guard:
     * {@code ACK}, {@code CANCEL}, {@code BYE} and every in-dialog request pass an overloaded
     * server, answers to a challenge pass until the overload is twice the limit (see
     * {@link OverloadGuard}).
     */
    public GateDecision decide(InetAddress source, String method, boolean reliable, Request kind) {
        Settings s = settings;
        GateDecision decision;
        if (authGuard.isBlocked(source)) {
            decision = s.blocked.outcome() == Outcome.DROP || !withinRate(source, false)
                    ? s.drop[Reason.BLOCKED.ordinal()] : s.blocked;
        } else if (!s.restricted.isEmpty() && !s.restricted.matches(source) && !s.trusted.matches(source)) {
            decision = withinRate(source, false) ? s.refuse403[Reason.NOT_ALLOWED.ordinal()]
                    : s.drop[Reason.NOT_ALLOWED.ordinal()];
        } else if (!withinRate(source, exemptTrusted && s.trusted.matches(source))) {
            decision = reliable ? s.unavailable[Reason.RATE_LIMITED.ordinal()] : s.drop[Reason.RATE_LIMITED.ordinal()];
        } else if (kind != Request.IN_DIALOG && isNewWork(method) && overload.shouldShed(
                kind == Request.CREDENTIALED ? OverloadGuard.Work.CREDENTIALED : OverloadGuard.Work.INITIAL)) {
            decision = s.unavailable[Reason.OVERLOADED.ordinal()];
        } else {
            decision = GateDecision.ALLOW;
        }
        if (decision.outcome() != Outcome.ALLOW && "ACK".equals(method)) {
            decision = s.drop[decision.reason().ordinal()];
        }
        byOutcome[decision.outcome().ordinal()].increment();
        byReason[decision.reason().ordinal()].increment();
        return decision;
    }

    /**
     * Whether a malformed UDP request may get its {@code 400}: only from a source that is
     * neither blocked nor refused by the access lists, and within its rate (the datagram
     * costs a token like any request). Trusted sources always may. Otherwise the sender,
     * perhaps forged, gets silence and the server reflects nothing.
     */
    public boolean mayAnswerMalformed(InetAddress source) {
        Settings s = settings;
        boolean trusted = s.trusted.matches(source);
        if (trusted && exemptTrusted) {
            return true;
        }
        if (authGuard.isBlocked(source)) {
            return false;
        }
        if (!trusted && !s.restricted.isEmpty() && !s.restricted.matches(source)) {
            return false;
        }
        return withinRate(source, false);
    }

    private boolean withinRate(InetAddress source, boolean exempt) {
        return exempt || rateLimiter.tryAcquire(source);
    }

    /** Requests that end or complete existing work pass even when the server is overloaded. */
    private static boolean isNewWork(String method) {
        return !("ACK".equals(method) || "CANCEL".equals(method) || "BYE".equals(method));
    }

    /** Lines for the {@code policy} verb: access lists, guard settings, blocks, targeted users. */
    public List<String> policyLines() {
        Settings s = settings;
        List<String> lines = new ArrayList<>(s.policy.describe());
        lines.addAll(guardLines());
        List<BlockedSource> blocked = authGuard.blocked();
        lines.add("blocked " + blocked.size());
        for (BlockedSource b : blocked) {
            lines.add("blocked " + b.describe());
        }
        for (UserLock l : authGuard.locked()) {
            lines.add("locked " + l.describe());
        }
        for (TargetedUser u : authGuard.targetedUsers()) {
            lines.add("targeted " + u.describe());
        }
        return lines;
    }

    /** The settings of the three guards, one line each. */
    public List<String> guardLines() {
        SecuritySettings sec = settings.security;
        return List.of("auth-guard " + sec.authFailures() + " failures of a user or " + sec.scanUsers()
                        + " users from a source in " + sec.authWindow() + "s, lock/block "
                        + (sec.blockTime() == 0 ? "off" : sec.blockTime() + "s") + " action "
                        + sec.blockAction().name().toLowerCase(java.util.Locale.ROOT)
                        + (exemptTrusted ? " (trusted never blocked)" : ""),
                rateLimiter.describe() + (exemptTrusted ? " (trusted exempt)" : ""),
                overload.describe());
    }

    /**
     * What the gate did since start, for {@code policy} and the periodic summary:
     * {@code allowed}, {@code refused-403}, {@code dropped}, {@code refused-503}, then the
     * reasons, failed authentications and blocks.
     */
    public Map<String, Long> counters() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("allowed", byOutcome[Outcome.ALLOW.ordinal()].sum());
        out.put("refused-403", byOutcome[Outcome.REJECT_403.ordinal()].sum());
        out.put("dropped", byOutcome[Outcome.DROP.ordinal()].sum());
        out.put("refused-503", byOutcome[Outcome.REJECT_503.ordinal()].sum());
        out.put("not-allowed", byReason[Reason.NOT_ALLOWED.ordinal()].sum());
        out.put("blocked", byReason[Reason.BLOCKED.ordinal()].sum());
        out.put("rate-limited", byReason[Reason.RATE_LIMITED.ordinal()].sum());
        out.put("overloaded", byReason[Reason.OVERLOADED.ordinal()].sum());
        out.put("auth-failures", authGuard.failuresTotal());
        out.put("blocks", authGuard.blocksTotal());
        out.put("user-locks", authGuard.locksTotal());
        return out;
    }

    /** Requests per outcome since start. */
    public Map<Outcome, Long> outcomeCounts() {
        Map<Outcome, Long> out = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            out.put(o, byOutcome[o.ordinal()].sum());
        }
        return out;
    }

    /** Requests per reason since start ({@code NONE} = allowed). */
    public Map<Reason, Long> reasonCounts() {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            out.put(r, byReason[r.ordinal()].sum());
        }
        return out;
    }

    public AuthFailureGuard authGuard() {
        return authGuard;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public OverloadGuard overload() {
        return overload;
    }

    private static Settings settings(AccessLists policy, SecuritySettings security) {
        int reasons = Reason.values().length;
        GateDecision[] refuse = new GateDecision[reasons];
        GateDecision[] drop = new GateDecision[reasons];
        GateDecision[] unavailable = new GateDecision[reasons];
        for (Reason r : Reason.values()) {
            refuse[r.ordinal()] = new GateDecision(Outcome.REJECT_403, r, 0);
            drop[r.ordinal()] = new GateDecision(Outcome.DROP, r, 0);
            unavailable[r.ordinal()] = new GateDecision(Outcome.REJECT_503, r, security.retryAfter());
        }
        GateDecision blocked = security.blockAction() == SecuritySettings.BlockAction.REJECT
                ? refuse[Reason.BLOCKED.ordinal()] : drop[Reason.BLOCKED.ordinal()];
        return new Settings(policy, security, new CidrMatcher(policy.restricted()), new CidrMatcher(policy.trusted()),
                blocked, refuse, drop, unavailable);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] out = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            out[i] = new LongAdder();
        }
        return out;
    }
}
