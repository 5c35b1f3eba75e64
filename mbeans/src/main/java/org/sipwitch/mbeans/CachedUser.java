package org.sipwitch.mbeans;

/**
 * An entry of the cache of recently authenticated users ({@code usercache}).
 *
 * @param user      the user id
 * @param extension numeric extension, or empty
 * @param display   display name, or empty
 * @param address   source address of the last successful authentication
 * @param lastSeen  time of that authentication, epoch milliseconds
 * @param lastSeenIso the same as ISO-8601 UTC text
 */
public record CachedUser(String user, String extension, String display, String address, long lastSeen,
                         String lastSeenIso) {

    /** With {@code lastSeenIso} made from the epoch value. */
    public CachedUser(String user, String extension, String display, String address, long lastSeen) {
        this(user, extension, display, address, lastSeen, Iso.of(lastSeen));
    }
}
