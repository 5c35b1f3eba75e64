package org.sipwitch.sip.server;

import org.sipwitch.config.Credentials;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.net.Peer;

/**
 * What a gateway registers at its provider, compared across a reload. Equal terms are the
 * same registration, which goes on untouched. The same binding (registrar and account, so
 * the same Contact) under other terms (lifetime, credentials) is registered anew over it.
 * Anything else is another binding, and the old one must be taken back.
 */
record RegistrationTerms(Peer registrar, String domain, String user, int seconds, Credentials credentials) {

    static RegistrationTerms of(Gateway gateway, Credentials credentials) {
        return new RegistrationTerms(gateway.proxy(), gateway.domain(), gateway.user(), gateway.registerSeconds(),
                credentials);
    }

    boolean sameBinding(RegistrationTerms other) {
        return registrar.equals(other.registrar) && domain.equals(other.domain) && user.equals(other.user);
    }
}
