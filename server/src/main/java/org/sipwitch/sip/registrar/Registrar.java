package org.sipwitch.sip.registrar;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sipwitch.sip.auth.AuthResult;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.CSeq;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMethods;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;

/**
 * REGISTER processing, RFC 3261 §10.3: takes a request and where it came from,
 * returns the response to send. Knows nothing of transactions or sockets.
 *
 * <p>The order of the checks, and why:
 * <ol>
 * <li>Syntax of To, Call-ID, CSeq → {@code 400} (nothing sensible can be answered otherwise).</li>
 * <li>Request-URI (step 1): any host is accepted — softphones and sipp put our IP address
 *     there, and this server has a single domain — but it must be a sip/sips URI ({@code 416}).</li>
 * <li>Unknown To user with {@code unknownUserStatus = 404}: {@code 404} at once. The operator
 *     chose the RFC's answer (step 3) and accepts that user ids can be probed.</li>
 * <li>Authentication (step 2): no valid credentials → {@code 401} challenge. With the default
 *     {@code 403} policy this happens for unknown users too, and a credential for an unknown
 *     username fails exactly like a wrong password: nothing tells a scanner whether an id
 *     exists before it has a working password.</li>
 * <li>Authorization (step 3): the authenticated user must be the To user (after resolving
 *     ids, extensions and aliases) → else {@code 403}; an authenticated user asking for an
 *     unknown AOR gets {@code unknownUserStatus}.</li>
 * <li>Contacts and expiry (steps 6–7): {@code 400} for a bad {@code *} or contact,
 *     {@code 423} + {@code Min-Expires}, {@code 500} for an out-of-order CSeq of the same
 *     Call-ID, {@code 503} + {@code Retry-After} when the user already holds the maximum
 *     number of devices.</li>
 * <li>{@code 200} listing every current binding of the user with its remaining
 *     {@code expires}, and a {@code Date} (step 8). Static bindings are not listed: the
 *     phone did not make them and cannot remove them.</li>
 * </ol>
 */
public final class Registrar {
    private static final int MAX_USER_AGENT = 256;

    private final DigestAuthenticator authenticator;
    private final UserLookup users;
    private final LocationService location;
    private final Clock clock;
    private volatile RegistrarConfig config;

    public Registrar(RegistrarConfig config, DigestAuthenticator authenticator, UserLookup users,
                     LocationService location, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.users = Objects.requireNonNull(users, "users");
        this.location = Objects.requireNonNull(location, "location");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** New knobs for the next request (config reload); bindings stay as they are. */
    public void setConfig(RegistrarConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig);
    }

    public RegistrarConfig config() {
        return config;
    }

    /** Processes one REGISTER received from {@code source} and returns the final response. */
    public SipResponse handle(SipRequest request, Peer source) {
        try {
            return process(request, source);
        } catch (RegisterRejected r) {
            return reject(request, r.status, r.getMessage());
        }
    }

    private SipResponse process(SipRequest request, Peer source) throws RegisterRejected {
        RegistrarConfig cfg = config;
        if (!request.isMethod(SipMethods.REGISTER)) {
            SipResponse r = reject(request, 405, null);
            r.addHeader(HeaderNames.ALLOW, SipMethods.REGISTER);
            return r;
        }
        NameAddress to;
        CSeq cseq;
        try {
            to = request.to();
            cseq = request.cseq();
        } catch (SipParseException e) {
            throw new RegisterRejected(400, e.getMessage());
        }
        String callId = request.callId();
        if (callId == null || callId.isEmpty()) {
            throw new RegisterRejected(400, "Missing Call-ID");
        }
        SipUri ruri = request.uri();
        if (ruri == null || ruri.isTel()) {
            throw new RegisterRejected(416, null);
        }
        String toUser = to.uri().isTel() ? to.uri().user() : to.uri().userDecoded();
        Optional<UserIdentity> target = toUser == null ? Optional.empty() : users.resolve(toUser);
        if (target.isEmpty() && cfg.unknownUserStatus() == 404) {
            throw new RegisterRejected(404, null);
        }

        AuthResult auth = authenticator.authenticate(request, source);
        if (!auth.isAuthenticated()) {
            return authenticator.challenge(request, auth, source);
        }
        Optional<UserIdentity> authenticated = users.resolve(auth.username());
        if (target.isEmpty()) {
            throw new RegisterRejected(cfg.unknownUserStatus(), null);
        }
        if (authenticated.isEmpty() || !authenticated.get().id().equals(target.get().id())) {
            throw new RegisterRejected(403, "Not allowed to register this user");
        }
        UserIdentity user = target.get();

        ContactParser.Result contacts;
        try {
            contacts = ContactParser.parse(request, cfg);
        } catch (RegisterRejected r) {
            if (r.status == 423) {
                SipResponse resp = reject(request, 423, null);
                resp.addHeader(HeaderNames.MIN_EXPIRES, Integer.toString(cfg.minExpires()));
                return resp;
            }
            throw r;
        }
        long now = clock.millis();
        List<Binding> after;
        if (contacts.isQuery()) {
            after = location.lookup(user.id()); // §10.3 step 6 (no Contact): just report
        } else {
            BindingPlan plan = new BindingPlan(user, contacts, callId, cseq.sequence(), source,
                    userAgent(request), now, cfg.maxBindingsPerUser());
            after = location.update(user.id(), plan, BindingListener.Cause.UNREGISTERED);
            if (plan.outcome == BindingPlan.Outcome.OUT_OF_ORDER) {
                throw new RegisterRejected(500, "Out of order REGISTER");
            }
            if (plan.outcome == BindingPlan.Outcome.TOO_MANY) {
                SipResponse resp = reject(request, 503, "Too Many Registrations");
                resp.addHeader(HeaderNames.RETRY_AFTER, Long.toString(plan.retryAfter));
                return resp;
            }
        }
        return ok(request, after, now);
    }

    private SipResponse ok(SipRequest request, List<Binding> bindings, long now) {
        SipResponse r = Responses.create(request, 200);
        Responses.ensureToTag(r, Responses.newTag());
        for (Binding b : bindings) {
            if (b.staticBinding() || b.isExpired(now)) {
                continue;
            }
            StringBuilder c = new StringBuilder(b.contact().length() + 24)
                    .append('<').append(b.contact()).append(">;expires=").append(b.remainingSeconds(now));
            if (b.q() != Binding.NO_Q) {
                c.append(";q=").append(formatQ(b.q()));
            }
            r.addHeader(HeaderNames.CONTACT, c.toString());
        }
        r.addHeader(HeaderNames.DATE, SipDates.format(now));
        return r;
    }

    private static String formatQ(float q) {
        int milli = Math.round(q * 1000);
        if (milli >= 1000) {
            return "1";
        }
        String s = Integer.toString(1000 + milli).substring(1); // three digits
        int end = 3;
        while (end > 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return "0." + s.substring(0, end);
    }

    private static String userAgent(SipRequest request) {
        String ua = request.header(HeaderNames.USER_AGENT);
        if (ua == null) {
            return null;
        }
        return ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
    }

    private static SipResponse reject(SipRequest request, int status, String reason) {
        SipResponse r = Responses.create(request, status, reason);
        Responses.ensureToTag(r, Responses.newTag());
        return r;
    }

    @Override
    public String toString() {
        return "Registrar[" + config + "]";
    }
}
