package org.sipwitch.wiring;

import java.net.InetAddress;
import org.sipwitch.management.Events;
import org.sipwitch.sip.security.AuthGuardListener;
import org.sipwitch.sip.security.BlockedSource;
import org.sipwitch.sip.security.TargetedUser;

/**
 * What the password-guessing guard does, as {@code sipwitch.warning} events (JMX
 * notifications, {@code sipwitchctl events}): once per block, release and attacked
 * user, never per request. The log lines are the SIP server's own.
 */
final class GuardEvents implements AuthGuardListener {
    private final Events events;

    GuardEvents(Events events) {
        this.events = events;
    }

    @Override
    public void sourceBlocked(BlockedSource blocked) {
        events.warning("blocked source " + blocked.describe());
    }

    @Override
    public void sourceReleased(BlockedSource released, String why) {
        events.warning("released source " + released.describe() + " (" + why + ")");
    }

    @Override
    public void trustedSourceFailing(InetAddress source, int failures, String lastUser) {
        events.warning("trusted source " + source.getHostAddress() + " failed authentication " + failures
                + " times, not blocked");
    }

    @Override
    public void userTargeted(TargetedUser user) {
        events.warning("user under password guessing: " + user.describe());
    }
}
