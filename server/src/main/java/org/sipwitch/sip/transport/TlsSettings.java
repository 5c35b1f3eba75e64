package org.sipwitch.sip.transport;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * The TLS listener: its port (0 picks a free one) and the contexts for connections we
 * accept (server certificate) and connections we open toward phones.
 *
 * @param certificate the server certificate in words (serial, subject, end of validity), for logs and reloads
 */
public record TlsSettings(int port, SslContext server, SslContext client, String certificate) {
    public TlsSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(certificate, "certificate");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Bad TLS port " + port);
        }
    }
}
