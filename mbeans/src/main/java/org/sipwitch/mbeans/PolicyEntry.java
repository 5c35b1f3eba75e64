package org.sipwitch.mbeans;

/**
 * One entry of the access policy ({@code policy}): a configured network, a blocked
 * source, a user under password guessing, a guard's settings or a counter. Each kind
 * fills the items that apply and leaves the others empty (or 0), so that a console shows
 * a blocked source's address, times and failures as fields rather than one line.
 *
 * @param list     {@code trusted}, {@code restricted}, {@code blocked}, {@code targeted},
 *                 {@code guard} or {@code counter}
 * @param network  a CIDR network ({@code trusted}, {@code restricted}), e.g. {@code 192.168.0.0/16}
 * @param address  the blocked source, or a targeted user's latest source
 * @param user     the last user id a blocked source tried, or the targeted user
 * @param since    when the block or the attack began, epoch milliseconds; 0 if not applicable
 * @param sinceIso the same as ISO-8601 UTC text
 * @param until    when a block lapses by itself, epoch milliseconds; 0 if not applicable
 * @param untilIso the same as ISO-8601 UTC text
 * @param failures failed authentications counted (blocked, targeted)
 * @param detail   the rest, as text: a guard's settings ({@code rate-limit 50/s burst 100 ...}),
 *                 a counter ({@code allowed 4334}), a targeted user's sources ({@code sources 16+})
 */
public record PolicyEntry(String list, String network, String address, String user, long since, String sinceIso,
                          long until, String untilIso, long failures, String detail) {

    /** A configured network. */
    public PolicyEntry(String list, String network) {
        this(list, network, "", "", 0, "", 0, "", 0, "");
    }

    /** A source blocked after failed authentications. */
    public static PolicyEntry blocked(String address, long since, long until, long failures, String lastUser) {
        return new PolicyEntry("blocked", "", address, lastUser, since, Iso.of(since), until, Iso.of(until),
                failures, "");
    }

    /** A user under password guessing, never blocked. */
    public static PolicyEntry targeted(String user, long since, long failures, String sources, String lastSource) {
        return new PolicyEntry("targeted", "", lastSource, user, since, Iso.of(since), 0, "", failures, sources);
    }

    /** A line of text: a guard's settings or a counter. */
    public static PolicyEntry text(String list, String detail) {
        return new PolicyEntry(list, "", "", "", 0, "", 0, "", 0, detail);
    }
}
