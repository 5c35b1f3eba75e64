package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One user id refused from one source after too many wrong passwords there, as the
 * operator sees it ({@code policy}: list {@code locked}). Requests from that source
 * authenticating as that user get {@code 403} until {@code until}; other users at the
 * same address (an office behind one NAT) are not affected.
 *
 * @param address  the source address
 * @param userId   the user id, cleaned for display
 * @param since    when the lock began
 * @param until    when it lapses by itself
 * @param failures failed authentications counted for the pair
 */
public record UserLock(InetAddress address, String userId, Instant since, Instant until, int failures) {

    /** The address as the operator reads it (an IPv4-mapped IPv6 address as IPv4). */
    public String addressText() {
        return Sources.format(address);
    }

    /** {@code 192.0.2.7 user bob since 2026-…Z until 2026-…Z failures 10} */
    public String describe() {
        return Sources.format(address) + " user " + userId + " since " + since + " until " + until + " failures "
                + failures;
    }
}
