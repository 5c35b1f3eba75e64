package org.sipwitch.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Keystore (server certificate and key) and optional truststore for the TLS listener.
 * Present only when {@code <tls><keystore>} is configured; passwords print as {@code ****}.
 */
public record TlsConfig(Path keystore, Secret keystorePassword, String keystoreType,
                        Optional<Path> truststore, Secret truststorePassword, String truststoreType) {

    public static final String DEFAULT_TYPE = "PKCS12";

    public TlsConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(keystoreType, "keystoreType");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        Objects.requireNonNull(truststoreType, "truststoreType");
    }
}
