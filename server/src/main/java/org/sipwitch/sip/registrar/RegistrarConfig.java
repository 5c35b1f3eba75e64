package org.sipwitch.sip.registrar;

/**
 * The registrar's knobs ({@code <registry>} in sipwitch.xml). Realm and digest
 * type belong to the authenticator ({@code DigestSettings}), which can change them
 * at runtime on its own.
 *
 * @param minExpires         shorter non-zero requests get {@code 423 Interval Too Brief} + {@code Min-Expires}
 * @param maxExpires         longer requests are shortened to this (RFC 3261 §10.3 step 7 allows it)
 * @param defaultExpires     used when neither the contact nor the request says
 * @param maxBindingsPerUser contacts one user may hold at once; beyond that a new device gets
 *                           {@code 503} + {@code Retry-After} (seconds until a slot frees), which
 *                           phones retry on, unlike a {@code 403} that makes them give up for good
 * @param unknownUserStatus  403 (default) or 404, see {@link Registrar} for when each is sent
 */
public record RegistrarConfig(int minExpires, int maxExpires, int defaultExpires, int maxBindingsPerUser,
                              int unknownUserStatus) {

    public RegistrarConfig {
        if (minExpires < 0 || maxExpires < 1 || minExpires > maxExpires) {
            throw new IllegalArgumentException("need 0 <= minExpires <= maxExpires and maxExpires >= 1");
        }
        if (defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("defaultExpires must lie between minExpires and maxExpires");
        }
        if (maxBindingsPerUser < 1) {
            throw new IllegalArgumentException("maxBindingsPerUser must be at least 1");
        }
        if (unknownUserStatus != 403 && unknownUserStatus != 404) {
            throw new IllegalArgumentException("unknownUserStatus must be 403 or 404");
        }
    }

    /** 60 s .. 7200 s, 3600 s by default, 10 devices per user, 403 for unknown users. */
    public static RegistrarConfig defaults() {
        return new RegistrarConfig(60, 7200, 3600, 10, 403);
    }

    public RegistrarConfig withUnknownUserStatus(int status) {
        return new RegistrarConfig(minExpires, maxExpires, defaultExpires, maxBindingsPerUser, status);
    }

    public RegistrarConfig withMaxBindingsPerUser(int max) {
        return new RegistrarConfig(minExpires, maxExpires, defaultExpires, max, unknownUserStatus);
    }
}
