package org.sipwitch.sip.core;

import java.util.Optional;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.ProvisionedUser;
import org.sipwitch.sip.auth.CredentialSource;
import org.sipwitch.sip.auth.DigestAlgorithm;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.registrar.UserLookup;

/**
 * The provisioned users of the configuration in force, seen the way the
 * authenticator and the registrar need them. Reads {@link LiveConfig#current()} on
 * every call, so a reload takes effect for the next request without rewiring.
 */
public final class ProvisionedUsers implements CredentialSource, UserLookup {
    private final LiveConfig config;

    public ProvisionedUsers(LiveConfig config) {
        this.config = config;
    }

    @Override
    public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
        // digest usernames are user ids; extensions and aliases are dialling names only
        return config.current().users().byId(username).flatMap(u -> u.ha1(realm, algorithm.token()));
    }

    @Override
    public Optional<UserIdentity> resolve(String name) {
        return config.current().users().lookup(name).map(ProvisionedUsers::identity);
    }

    static UserIdentity identity(ProvisionedUser u) {
        return new UserIdentity(u.id(), u.extension().orElse(null), u.display());
    }
}
