package org.sipwitch.mbeans;

/**
 * The realm in force ({@code realm}).
 *
 * @param realm      the authentication realm
 * @param digestType {@code md5} or {@code sha-256}
 */
public record RealmInfo(String realm, String digestType) {
}
