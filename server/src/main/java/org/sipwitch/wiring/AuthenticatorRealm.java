package org.sipwitch.wiring;

import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.management.RealmControl;
import org.sipwitch.mbeans.RealmInfo;
import org.sipwitch.sip.auth.DigestAuthenticator;

/**
 * The realm verb acting on the live authenticator: a change takes effect at once and
 * invalidates outstanding nonces, so phones are challenged again for the new realm.
 */
final class AuthenticatorRealm implements RealmControl {
    private final DigestAuthenticator authenticator;

    AuthenticatorRealm(DigestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public RealmInfo current() {
        return new RealmInfo(authenticator.realm(), authenticator.algorithm().configName());
    }

    @Override
    public RealmInfo change(String realm, DigestAlgorithm digest) {
        authenticator.setRealm(realm, digest);
        return current();
    }
}
