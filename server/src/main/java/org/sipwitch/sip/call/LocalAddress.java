package org.sipwitch.sip.call;

import org.sipwitch.sip.net.Transport;

/**
 * Where the server listens, for the Via and Contact of the requests it originates
 * toward phones (a B2BUA is the UA of every leg, so its own Contact is the remote
 * target the phones use for in-dialog requests, RFC 3261 §12.1.1). The daemon
 * implements this from its bound listeners (or the {@code <published>} address).
 */
public interface LocalAddress {
    /** Host or IP literal to publish (IPv6 in brackets). */
    String host();

    /** The port of our listener for that transport. */
    int port(Transport transport);

    static LocalAddress fixed(String host, int port) {
        return new LocalAddress() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public int port(Transport transport) {
                return port;
            }
        };
    }
}
