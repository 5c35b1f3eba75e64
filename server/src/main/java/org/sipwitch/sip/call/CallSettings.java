package org.sipwitch.sip.call;

import java.net.InetAddress;
import java.util.function.Predicate;
import org.sipwitch.sip.routing.RoutingSettings;

/**
 * The knobs the call engine reads per call; the server fills them from the live
 * config for every call, so that a reload changes the next call, not the current ones.
 *
 * @param noAnswerMillis how long target legs ring before no-answer handling:
 *                       {@code <timers>} ring × cfna seconds
 * @param trusted        sources from which a registered user may call without a challenge
 * @param probeMillis    how often an answered call checks that both phones still know it
 *                       (in-dialog OPTIONS; 481 or no answer ends the call), 0 = never
 * @param routing        the dial plan's inputs (rules, users, groups, gateways, the site's domain); null = no
 *                       plan, the engine's own users only, presented at {@link #DEFAULT_DOMAIN}
 * @param state          the server state in force ({@code sipwitchctl state}): rules may apply in one only
 */
public record CallSettings(long noAnswerMillis, Predicate<InetAddress> trusted, long probeMillis,
                           RoutingSettings routing, String state) {
    /**
     * A BYE can be lost for good (a phone that crashed, a caller that gave up after a 503
     * under overload): without a probe its call would hold a slot for ever. Two minutes
     * costs two small transactions per call and leg, and finds a dead call within
     * 2 min + 64*T1.
     */
    public static final long DEFAULT_PROBE_MILLIS = 120_000;
    /** The domain when nothing says otherwise (tests). */
    public static final String DEFAULT_DOMAIN = "sipwitch";

    public CallSettings(long noAnswerMillis, Predicate<InetAddress> trusted) {
        this(noAnswerMillis, trusted, DEFAULT_PROBE_MILLIS);
    }

    public CallSettings(long noAnswerMillis, Predicate<InetAddress> trusted, long probeMillis) {
        this(noAnswerMillis, trusted, probeMillis, null, "up");
    }

    public String domain() {
        return routing == null ? DEFAULT_DOMAIN : routing.domain();
    }
}
