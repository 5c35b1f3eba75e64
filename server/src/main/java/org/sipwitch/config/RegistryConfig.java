package org.sipwitch.config;

import java.util.Objects;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * {@code <registry>}: the realm, digest algorithm, extension numbering and registration rules.
 *
 * @param realm              digest realm offered in challenges
 * @param digest             digest algorithm; stored {@code <digest>} HA1s are for this one
 * @param prefix             first extension number
 * @param range              how many extensions: {@code prefix .. prefix+range-1}; 0 = no extensions
 * @param defaultExpires     registration lifetime when the UA asks none, seconds
 * @param minExpires         shorter requests get {@code 423 Interval Too Brief}, seconds
 * @param maxExpires         longer requests are cut down to this, seconds
 * @param maxBindings        most contacts (devices) per user
 * @param unknownUserStatus  answer for users not provisioned: 403 (default, ids not enumerable) or 404
 * @param nonceLifetime      seconds a nonce stays fresh before {@code stale=true}
 */
public record RegistryConfig(String realm, DigestAlgorithm digest, int prefix, int range, int defaultExpires,
                             int minExpires, int maxExpires, int maxBindings, int unknownUserStatus,
                             int nonceLifetime) {

    public RegistryConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(digest, "digest");
    }

    /** The same registry with another realm and digest algorithm (the {@code realm} verb). */
    public RegistryConfig withRealm(String newRealm, DigestAlgorithm newDigest) {
        return new RegistryConfig(newRealm, newDigest, prefix, range, defaultExpires, minExpires, maxExpires,
                maxBindings, unknownUserStatus, nonceLifetime);
    }

    /** Highest extension number, or {@code prefix - 1} when {@code range} is 0. */
    public int lastExtension() {
        return prefix + range - 1;
    }

    public boolean inRange(int extension) {
        return extension >= prefix && extension <= lastExtension();
    }
}
