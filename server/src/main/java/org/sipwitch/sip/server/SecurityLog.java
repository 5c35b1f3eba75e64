package org.sipwitch.sip.server;

import org.sipwitch.sip.security.AuthGuardListener;
import org.sipwitch.sip.security.BlockedSource;
import org.sipwitch.sip.security.OverloadGuard;
import org.sipwitch.sip.security.TargetedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, once per event, what the guards did: a source blocked or
 * released, a user under attack. Warnings land in the history ring too.
 */
final class SecurityLog implements AuthGuardListener, OverloadGuard.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipwitch.security");

    @Override
    public void sourceBlocked(BlockedSource blocked) {
        LOG.warn("blocked source {}", blocked.describe());
    }

    @Override
    public void sourceReleased(BlockedSource released, String why) {
        LOG.info("released source {} ({})", released.describe(), why);
    }

    @Override
    public void userLocked(org.sipwitch.sip.security.UserLock lock) {
        LOG.warn("user refused at one source after failed authentications: {}", lock.describe());
    }

    @Override
    public void userUnlocked(org.sipwitch.sip.security.UserLock lock, String why) {
        LOG.info("user no longer refused: {} ({})", lock.describe(), why);
    }

    @Override
    public void userTargeted(TargetedUser user) {
        LOG.warn("user under password guessing: {}", user);
    }

    @Override
    public void overloadChanged(boolean overloaded, String state) {
        if (overloaded) {
            LOG.warn("overloaded: {}; new work gets 503 with Retry-After", state);
        } else {
            LOG.info("overload over: {}", state);
        }
    }
}
