package org.sipwitch.sip.auth;

import org.sipwitch.digest.DigestAlgorithm;

/**
 * What the authenticator concluded about one request. Only {@link Status#AUTHENTICATED}
 * names a user; every other outcome is answered with a challenge that does not say
 * which part was wrong.
 *
 * @param username  the authenticated digest username (null unless authenticated)
 * @param algorithm the algorithm of the credentials that verified (null unless authenticated)
 */
public record AuthResult(Status status, String username, DigestAlgorithm algorithm) {

    public enum Status {
        /** A credential for our realm verified, with a fresh nonce and a new nonce-count. */
        AUTHENTICATED,
        /** No credentials for our realm: the first request of a UA. */
        MISSING,
        /** Credentials for our realm that did not verify (unknown user, wrong password, forged nonce, bad syntax). */
        FAILED,
        /** The response was right but the nonce expired or its nonce-count was replayed: challenge with stale=true. */
        STALE,
        /**
         * Credentials for our realm whose {@code uri} is not the Request-URI (RFC 7616 §3.4.6):
         * answered {@code 400}, not challenged, and not counted as a wrong password.
         */
        WRONG_URI,
        /** This user is refused from this source after too many wrong passwords there: {@code 403}, no challenge. */
        REFUSED
    }

    static final AuthResult MISSING = new AuthResult(Status.MISSING, null, null);
    static final AuthResult FAILED = new AuthResult(Status.FAILED, null, null);
    static final AuthResult STALE = new AuthResult(Status.STALE, null, null);
    static final AuthResult WRONG_URI = new AuthResult(Status.WRONG_URI, null, null);
    static final AuthResult REFUSED = new AuthResult(Status.REFUSED, null, null);

    public boolean isAuthenticated() {
        return status == Status.AUTHENTICATED;
    }

    public boolean isStale() {
        return status == Status.STALE;
    }
}
