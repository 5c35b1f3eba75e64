package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One blocked source as the operator sees it ({@code policy} verb, Policy MBean,
 * the block notification).
 *
 * @param address  the source address
 * @param since    when it was blocked
 * @param until    when the block lapses by itself
 * @param failures failed authentications counted against it (those that blocked it, and
 *                 any that arrived while blocked)
 * @param lastUser the last user id it tried, cleaned for display
 */
public record BlockedSource(InetAddress address, Instant since, Instant until, int failures, String lastUser) {

    /** The address as the operator reads it (an IPv4-mapped IPv6 address as IPv4). */
    public String addressText() {
        return Sources.format(address);
    }

    /** {@code 203.0.113.9 since 2026-…Z until 2026-…Z failures 10 last-user alice} */
    public String describe() {
        return Sources.format(address) + " since " + since + " until " + until + " failures " + failures
                + " last-user " + lastUser;
    }
}
