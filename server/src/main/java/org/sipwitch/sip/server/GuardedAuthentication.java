package org.sipwitch.sip.server;

import java.net.InetAddress;
import java.time.Clock;
import org.sipwitch.sip.auth.AuthObserver;
import org.sipwitch.sip.security.AuthFailureGuard;

/** Feeds the authenticator's verdicts to the password-guessing guard and the user cache. */
final class GuardedAuthentication implements AuthObserver {
    private final AuthFailureGuard guard;
    private final RecentUsers recent;
    private final Clock clock;

    GuardedAuthentication(AuthFailureGuard guard, RecentUsers recent, Clock clock) {
        this.guard = guard;
        this.recent = recent;
        this.clock = clock;
    }

    @Override
    public void failed(InetAddress source, String username) {
        if (source != null) {
            guard.recordFailure(source, username);
        }
    }

    @Override
    public boolean refuses(InetAddress source, String username) {
        return source != null && guard.isLocked(source, username);
    }

    @Override
    public void succeeded(InetAddress source, String username) {
        if (source != null) {
            guard.recordSuccess(source, username);
        }
        recent.seen(username, source, clock.millis());
    }
}
