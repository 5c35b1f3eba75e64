package org.sipwitch.sip.server;

import java.util.Optional;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.ProvisionedUser;
import org.sipwitch.config.UserDirectory;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.CredentialSource;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.registrar.UserLookup;

/**
 * The provisioned users of the configuration in force, seen the way the
 * authenticator and the registrar need them. Reads {@link LiveConfig#current()} on
 * every call, so a reload takes effect for the next request without rewiring.
 */
public final class ProvisionedUsers implements CredentialSource, UserLookup {
    private final LiveConfig config;
    private volatile Ha1Cache ha1s;

    public ProvisionedUsers(LiveConfig config) {
        this.config = config;
    }

    @Override
    public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
        // digest usernames are user ids; extensions and aliases are dialling names only
        UserDirectory users = config.current().users();
        Ha1Cache cache = ha1s;
        if (cache == null || !cache.validFor(users, realm)) {
            cache = new Ha1Cache(users, realm); // reload or realm change: nothing old survives
            ha1s = cache;
        }
        return cache.get(username, algorithm, id -> users.byId(id).flatMap(u -> u.ha1(realm, algorithm)));
    }

    @Override
    public Optional<UserIdentity> resolve(String name) {
        return config.current().users().lookup(name).map(ProvisionedUsers::identity);
    }

    static UserIdentity identity(ProvisionedUser u) {
        return new UserIdentity(u.id(), u.extension().orElse(null), u.display());
    }
}
