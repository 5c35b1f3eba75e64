package org.sipwitch.management;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.sipwitch.config.TlsConfig;

/**
 * TLS for the remote JMX connector ({@code <jmx><tls>true</tls>}) with the SIP
 * listener's keystore ({@code <stack><tls><keystore>}): one certificate for the host.
 * TLS 1.2 and 1.3 only, as for SIP; no client certificates (users log in with a
 * password). The password is used to load the keystore and wiped; errors name the
 * file, never the password.
 */
final class JmxTls {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private JmxTls() {
    }

    /** The server's TLS context with the keystore's certificate and key. */
    static SSLContext serverContext(TlsConfig tls) throws IOException {
        char[] password = tls.keystorePassword().reveal();
        try {
            KeyStore ks = KeyStore.getInstance(tls.keystoreType());
            try (InputStream in = Files.newInputStream(tls.keystore())) {
                ks.load(in, password);
            } catch (IOException e) {
                throw new IOException("TLS keystore " + tls.keystore() + " cannot be read for remote JMX "
                        + "(wrong password or not a " + tls.keystoreType() + " file)");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS keystore " + tls.keystore() + " cannot be used for remote JMX: "
                    + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
