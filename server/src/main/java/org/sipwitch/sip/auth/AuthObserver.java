package org.sipwitch.sip.auth;

import java.net.InetAddress;

/**
 * Told about every verdict on credentials that were offered, so password guessing
 * can be counted per source and per user (the security guards) without the
 * authenticator knowing about blocking. Called on the request's lane: must be cheap.
 */
public interface AuthObserver {
    /** Credentials for our realm did not verify; {@code username} is as the client sent it (untrusted text). */
    void failed(InetAddress source, String username);

    void succeeded(InetAddress source, String username);

    /**
     * Whether {@code username} is refused from {@code source} before its password is
     * looked at (too many wrong passwords there): the request gets {@code 403}.
     */
    default boolean refuses(InetAddress source, String username) {
        return false;
    }

    AuthObserver NONE = new AuthObserver() {
        @Override
        public void failed(InetAddress source, String username) {
        }

        @Override
        public void succeeded(InetAddress source, String username) {
        }
    };
}
