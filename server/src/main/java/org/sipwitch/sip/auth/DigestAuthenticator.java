package org.sipwitch.sip.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.digest.DigestComputer;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMethods;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;

/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760): checks the
 * credentials of a request and builds the challenge when they do not do.
 *
 * <p>A registrar is a UAS, so REGISTER is challenged with {@code 401} +
 * {@code WWW-Authenticate} and answered in {@code Authorization}; everything else
 * reaches us as a proxy/B2BUA and is challenged with {@code 407} +
 * {@code Proxy-Authenticate}, answered in {@code Proxy-Authorization} (RFC 3261 §22.3).
 *
 * <p>Thread-safe and lock-free on the hot path. The realm and algorithm can change
 * at runtime ({@link #setRealm}); that rotates the nonce key so no nonce issued for
 * the old realm is accepted afterwards.
 */
public final class DigestAuthenticator {
    /** More credentials than this in one request are not looked at: bounded work per request. */
    private static final int MAX_CREDENTIALS_CHECKED = 4;
    /** Used for unknown users so that they cost the same hashing as known ones (no timing oracle). */
    private static final String DUMMY_HA1 = "0".repeat(64);

    private record State(String realm, DigestAlgorithm algorithm) {
    }

    private final CredentialSource credentials;
    private final Clock clock;
    private volatile long lifetimeMillis;
    private final boolean bindToAddress;
    private final NonceCodec nonces = new NonceCodec();
    private final NonceCountTracker replay;
    private volatile State state;
    private volatile AuthObserver observer = AuthObserver.NONE;

    public DigestAuthenticator(DigestSettings settings, CredentialSource credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetimeMillis = settings.nonceLifetime().toMillis();
        this.bindToAddress = settings.bindNonceToAddress();
        this.replay = new NonceCountTracker(settings.replayTableCapacity(), lifetimeMillis);
        this.state = new State(settings.realm(), settings.algorithm());
    }

    public String realm() {
        return state.realm;
    }

    public DigestAlgorithm algorithm() {
        return state.algorithm;
    }

    /**
     * Changes the realm (and digest type) at runtime. Outstanding nonces become
     * invalid: phones get a fresh challenge for the new realm on their next request.
     */
    /** Who hears about failed and successful authentications (one observer; null for none). */
    public void setObserver(AuthObserver newObserver) {
        this.observer = newObserver == null ? AuthObserver.NONE : newObserver;
    }

    public synchronized void setRealm(String realm, DigestAlgorithm algorithm) {
        DigestSettings.of(realm, algorithm); // same validation as at start-up
        nonces.rotateKey();
        replay.clear();
        state = new State(realm, algorithm);
    }

    /**
     * A new nonce lifetime, from a reload: nonces older than it are stale from the next
     * request on, whenever they were issued (the issue time is inside the nonce).
     */
    public void setNonceLifetime(java.time.Duration lifetime) {
        long millis = lifetime.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("nonce lifetime must be positive");
        }
        if (millis != lifetimeMillis) {
            lifetimeMillis = millis;
            replay.setLifetime(millis);
        }
    }

    /** Checks a request's credentials (REGISTER: Authorization, others: Proxy-Authorization). */
    public AuthResult authenticate(SipRequest request, Peer source) {
        State st = state;
        boolean register = request.isMethod(SipMethods.REGISTER);
        String primary = register ? HeaderNames.AUTHORIZATION : HeaderNames.PROXY_AUTHORIZATION;
        String secondary = register ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION;
        List<String> lines = request.headers().getAll(primary);
        if (lines.isEmpty()) {
            // tolerate UAs that answer a challenge in the other header
            lines = request.headers().getAll(secondary);
        }
        AuthResult result = AuthResult.MISSING;
        String offeredBy = null;
        int checked = 0;
        long now = clock.millis();
        InetAddress address = bindToAddress && source != null ? source.address().getAddress() : null;
        for (String line : lines) {
            DigestCredentials c = DigestCredentialsParser.parse(line);
            if (c != null && c.realm() != null && !c.realm().equals(st.realm)) {
                continue; // meant for another hop (RFC 3261 §22.3): not ours to judge
            }
            if (++checked > MAX_CREDENTIALS_CHECKED) {
                break;
            }
            if (c != null && c.uri() != null && !sameUri(c.uri(), request)) {
                return AuthResult.WRONG_URI; // a response computed for another request: never ours to verify
            }
            if (c != null && c.username() != null && observer.refuses(sourceAddress(source), c.username())) {
                return AuthResult.REFUSED; // guessed at from here: no answer about the password at all
            }
            AuthResult r = check(c, request.method(), st, now, address);
            if (r.isAuthenticated()) {
                observer.succeeded(sourceAddress(source), r.username());
                return r;
            }
            if (c != null) {
                offeredBy = c.username();
            }
            if (r.isStale() || result == AuthResult.MISSING) {
                result = r; // stale wins over failed: the client knew the password
            }
        }
        if (result == AuthResult.FAILED) {
            observer.failed(sourceAddress(source), offeredBy);
        }
        return result;
    }

    /**
     * RFC 7616 §3.4.6: the digest {@code uri} must name the resource of the Request-URI.
     * Compared as URIs (scheme and host case, as the parser normalises them), so a phone's
     * own spelling passes; one that does not parse does not match. The server's own address
     * without a user ({@code sip:host:port}, the Request-URI's host and port) names the same
     * resource for a challenge this server made: SIPp and several phones answer a 407 so,
     * and Kamailio and Asterisk accept it. A uri with another host, port or user does not.
     */
    private static boolean sameUri(String digestUri, SipRequest request) {
        SipUri target = request.uri();
        if (target == null) {
            return false;
        }
        if (digestUri.equals(target.toString())) {
            return true;
        }
        try {
            SipUri named = SipUri.parse(digestUri);
            return named.equals(target) || named.user() == null && named.scheme().equals(target.scheme())
                    && named.host().equalsIgnoreCase(target.host()) && named.port() == target.port();
        } catch (SipParseException e) {
            return false;
        }
    }

    private static InetAddress sourceAddress(Peer source) {
        return source != null ? source.address().getAddress() : null;
    }

    private AuthResult check(DigestCredentials c, String method, State st, long now, InetAddress address) {
        if (c == null || !c.isComplete()) {
            return AuthResult.FAILED;
        }
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm());
        if (alg == null || (alg != st.algorithm && alg != DigestAlgorithm.MD5)) {
            return AuthResult.FAILED; // only what we offer: SHA-256 configured offers SHA-256 and MD5
        }
        String qop = c.qop();
        if (qop != null && !qop.equalsIgnoreCase("auth")) {
            return AuthResult.FAILED; // auth-int is not offered
        }
        long nc = 1; // without qop (RFC 2069 clients) a nonce is good for one request only
        if (qop != null) {
            nc = parseNonceCount(c.nc());
            if (nc <= 0) {
                return AuthResult.FAILED;
            }
        }
        long issued = nonces.verify(c.nonce(), now, st.realm, address);
        if (issued == NonceCodec.INVALID) {
            return AuthResult.FAILED;
        }
        Optional<String> ha1 = credentials.ha1(c.username(), st.realm, alg);
        String storedHa1 = ha1.orElse(DUMMY_HA1.substring(0, alg.hexLength()));
        byte[] expected = DigestComputer.forThread().response(alg, storedHa1, method, c.uri(), c.nonce(),
                c.nc(), c.cnonce(), qop);
        boolean match = DigestComputer.hexEquals(expected, alg.hexLength(), c.response());
        if (!match || ha1.isEmpty()) {
            return AuthResult.FAILED;
        }
        if (now - issued > lifetimeMillis) {
            return AuthResult.STALE;
        }
        if (!replay.accept(c.nonce(), issued, nc, now)) {
            return AuthResult.STALE; // replayed (or forgotten) nonce-count: a fresh nonce, please
        }
        return new AuthResult(AuthResult.Status.AUTHENTICATED, c.username(), alg);
    }

    /** nc is exactly 8 hex digits (RFC 7616 §3.4); -1 when it is not. */
    static long parseNonceCount(String nc) {
        if (nc == null || nc.length() != 8) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(nc.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /**
     * The answer to a request that did not authenticate: the challenge, {@code 401} for
     * REGISTER and {@code 407} otherwise, with {@code stale=true} when the result says so;
     * {@code 400} for credentials whose digest uri is not the Request-URI; {@code 403} for a
     * user refused at this source after too many wrong passwords.
     */
    public SipResponse challenge(SipRequest request, AuthResult result, Peer source) {
        if (result != null && result.status() == AuthResult.Status.WRONG_URI) {
            // not a challenge: credentials for another URI are a malformed request (RFC 7616 §3.4.6)
            SipResponse bad = Responses.create(request, 400, "Bad Request (digest uri does not match Request-URI)");
            Responses.ensureToTag(bad, Responses.newTag());
            return bad;
        }
        if (result != null && result.status() == AuthResult.Status.REFUSED) {
            // a final answer the phone shows ("forbidden") instead of a challenge it would retry
            SipResponse refused = Responses.create(request, 403, "Forbidden (too many failed attempts)");
            Responses.ensureToTag(refused, Responses.newTag());
            return refused;
        }
        return challenge(request, result != null && result.isStale(), source);
    }

    public SipResponse challenge(SipRequest request, boolean stale, Peer source) {
        State st = state;
        boolean register = request.isMethod(SipMethods.REGISTER);
        SipResponse response = Responses.create(request, register ? 401 : 407);
        Responses.ensureToTag(response, Responses.newTag());
        String header = register ? HeaderNames.WWW_AUTHENTICATE : HeaderNames.PROXY_AUTHENTICATE;
        InetAddress address = bindToAddress && source != null ? source.address().getAddress() : null;
        String nonce = nonces.issue(clock.millis(), st.realm, address);
        // RFC 7616 §3.7 / RFC 8760 §2.4: strongest first, one header per algorithm
        if (st.algorithm == DigestAlgorithm.SHA_256) {
            response.addHeader(header, challengeValue(st.realm, nonce, DigestAlgorithm.SHA_256, stale));
        }
        response.addHeader(header, challengeValue(st.realm, nonce, DigestAlgorithm.MD5, stale));
        return response;
    }

    private static String challengeValue(String realm, String nonce, DigestAlgorithm alg, boolean stale) {
        StringBuilder b = new StringBuilder(120)
                .append("Digest realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce)
                .append("\", algorithm=").append(alg.token())
                .append(", qop=\"auth\"");
        if (stale) {
            b.append(", stale=true");
        }
        return b.toString();
    }

    /** How many nonce-counts the replay table holds (for stats). */
    public int replayTableSize() {
        return replay.size();
    }

    @Override
    public String toString() {
        State st = state;
        return "DigestAuthenticator[realm=" + st.realm + ", algorithm=" + st.algorithm.token() + "]";
    }
}
