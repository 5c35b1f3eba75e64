package org.sipwitch.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.CredentialSource;

/**
 * Provisioned test users, standing in for the config's user directory: resolves
 * ids, extensions and aliases, and gives HA1 values computed here, independently
 * of the production digest code.
 */
public final class TestDirectory implements UserLookup, CredentialSource {
    private final Map<String, UserIdentity> byName = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();

    public TestDirectory add(String id, String extension, String password, String... aliases) {
        UserIdentity u = new UserIdentity(id, extension, id.toUpperCase());
        byName.put(id, u);
        if (extension != null) {
            byName.put(extension, u);
        }
        for (String a : aliases) {
            byName.put(a, u);
        }
        passwords.put(id, password);
        return this;
    }

    public static TestDirectory standard() {
        return new TestDirectory()
                .add("alice", "201", "alice-secret", "al")
                .add("bob", "202", "bob-secret");
    }

    @Override
    public Optional<UserIdentity> resolve(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
        String pw = passwords.get(username);
        return pw == null ? Optional.empty() : Optional.of(hash(algorithm.token(), username + ":" + realm + ":" + pw));
    }

    public static String hash(String alg, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
