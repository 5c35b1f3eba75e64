package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * How a provisioned user proves who they are: a plain secret, or a stored HA1 digest
 * (so the config need not hold the password at all). Neither ever prints.
 */
public sealed interface Credentials permits Credentials.PlainSecret, Credentials.StoredDigest {

    /**
     * The HA1 for {@code username} in {@code realm} with {@code algorithm}, or empty when
     * it cannot be known (a stored digest made for another realm or algorithm).
     */
    Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm);

    /** A {@code <secret>}: any realm and algorithm can be served, HA1 is computed on demand. */
    record PlainSecret(Secret secret) implements Credentials {
        public PlainSecret {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
            char[] password = secret.reveal();
            try {
                return Optional.of(algorithm.ha1(username, realm, password));
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }

        @Override
        public String toString() {
            return "secret=" + Secret.MASK;
        }
    }

    /**
     * A {@code <digest>}: an HA1 hex string made for the realm and algorithm configured in
     * {@code <registry>} when the config was loaded. It is only valid for exactly those;
     * after a realm or algorithm change it yields nothing and the user cannot
     * authenticate until a new digest is provisioned.
     */
    record StoredDigest(String hex, String realm, DigestAlgorithm algorithm) implements Credentials {
        public StoredDigest {
            Objects.requireNonNull(hex, "hex");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(algorithm, "algorithm");
        }

        @Override
        public Optional<String> ha1(String username, String forRealm, DigestAlgorithm forAlgorithm) {
            return realm.equals(forRealm) && algorithm == forAlgorithm ? Optional.of(hex) : Optional.empty();
        }

        @Override
        public String toString() {
            return "digest=" + Secret.MASK + " (" + algorithm.configName() + ", realm " + realm + ")";
        }
    }
}
