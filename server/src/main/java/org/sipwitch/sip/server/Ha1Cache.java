package org.sipwitch.sip.server;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.sipwitch.config.UserDirectory;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * HA1 per user for one user directory and realm, so a user with a plain {@code <secret>}
 * costs one hash per authentication instead of two (the HA1 and the response): without
 * it every REGISTER and INVITE re-hashed {@code id:realm:password}.
 *
 * <p>Valid for exactly one directory (one loaded configuration) and one realm: a reload
 * or a realm change makes {@link #validFor} false and the caller starts a new cache, so
 * an old secret never answers for a new config. Bounded by the provisioned users (only
 * ids the directory knows are cached), one entry per user and algorithm.
 */
final class Ha1Cache {
    private final UserDirectory users;
    private final String realm;
    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, String>[] byAlgorithm = new ConcurrentHashMap[DigestAlgorithm.values().length];

    Ha1Cache(UserDirectory users, String realm) {
        this.users = users;
        this.realm = realm;
        for (int i = 0; i < byAlgorithm.length; i++) {
            byAlgorithm[i] = new ConcurrentHashMap<>();
        }
    }

    boolean validFor(UserDirectory directory, String forRealm) {
        return users == directory && realm.equals(forRealm);
    }

    /** The cached HA1, or {@code compute}'s answer (cached when present). */
    Optional<String> get(String username, DigestAlgorithm algorithm, Function<String, Optional<String>> compute) {
        ConcurrentHashMap<String, String> map = byAlgorithm[algorithm.ordinal()];
        String ha1 = map.get(username);
        if (ha1 != null) {
            return Optional.of(ha1);
        }
        Optional<String> computed = compute.apply(username);
        computed.ifPresent(h -> map.put(username, h));
        return computed;
    }
}
