package org.sipwitch.sip.auth;

import java.time.Duration;
import java.util.Objects;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * The knobs of digest authentication.
 *
 * @param realm               the protection realm offered in challenges ({@code <registry><realm>})
 * @param algorithm           {@code <digest>}: SHA-256 offers SHA-256 first and MD5 after it for
 *                            older phones; MD5 offers MD5 only
 * @param nonceLifetime       how long a nonce is good for; an older one is answered with {@code stale=true}
 * @param bindNonceToAddress  whether a nonce is only valid from the IP address it was issued to
 *                            (stops a captured nonce being used elsewhere; a phone that changes
 *                            address simply gets a fresh challenge)
 * @param replayTableCapacity how many nonces' highest nonce-count are remembered at most
 */
public record DigestSettings(String realm, DigestAlgorithm algorithm, Duration nonceLifetime,
                             boolean bindNonceToAddress, int replayTableCapacity) {
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_REPLAY_TABLE_CAPACITY = 200_000;

    public DigestSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive");
        }
        if (realm.isEmpty() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("realm must be non-empty and free of quotes and backslashes");
        }
    }

    public static DigestSettings of(String realm, DigestAlgorithm algorithm) {
        return new DigestSettings(realm, algorithm, DEFAULT_NONCE_LIFETIME, true, DEFAULT_REPLAY_TABLE_CAPACITY);
    }

    public DigestSettings withNonceLifetime(Duration lifetime) {
        return new DigestSettings(realm, algorithm, lifetime, bindNonceToAddress, replayTableCapacity);
    }

    public DigestSettings withReplayTableCapacity(int capacity) {
        return new DigestSettings(realm, algorithm, nonceLifetime, bindNonceToAddress, capacity);
    }

    public DigestSettings withBindNonceToAddress(boolean bind) {
        return new DigestSettings(realm, algorithm, nonceLifetime, bind, replayTableCapacity);
    }
}
