package org.sipwitch.sip.core;

import java.net.InetAddress;
import org.sipwitch.sip.auth.AuthObserver;
import org.sipwitch.sip.security.AuthFailureGuard;

/** Feeds the authenticator's verdicts to the password-guessing guard. */
final class GuardedAuthentication implements AuthObserver {
    private final AuthFailureGuard guard;

    GuardedAuthentication(AuthFailureGuard guard) {
        this.guard = guard;
    }

    @Override
    public void failed(InetAddress source, String username) {
        if (source != null) {
            guard.recordFailure(source, username);
        }
    }

    @Override
    public void succeeded(InetAddress source, String username) {
        if (source != null) {
            guard.recordSuccess(source, username);
        }
    }
}
