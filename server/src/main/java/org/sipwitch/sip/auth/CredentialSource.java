package org.sipwitch.sip.auth;

import java.util.Optional;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * Where the authenticator gets stored secrets: the HA1 digest
 * H(username ":" realm ":" password) as hex (RFC 7616 §3.4.2). The provisioning
 * config adapts its user directory to this; a user configured with a plain secret
 * has its HA1 computed from it, one configured with {@code <digest>} has it stored.
 * Implementations must be fast and thread-safe (called on every authenticated
 * request) and must not log what they return.
 */
@FunctionalInterface
public interface CredentialSource {
    /**
     * @param username the digest username as the client sent it (a user id, or
     *                 whatever else the directory accepts as an authentication name)
     * @return the lower-case hex HA1, or empty when the user is unknown or has no
     *         secret for this realm and algorithm
     */
    Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm);
}
