package org.sipwitch.sip.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS contexts from a keystore (and an optional truststore): BoringSSL where it
 * loads, else the JDK (see {@link #provider()}), TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites only. Passwords are used and
 * never kept or printed; errors name the file, not the password.
 */
public final class TlsContexts {
    /** TLS 1.0/1.1 are broken (RFC 8996); 1.2 is what most phones speak, 1.3 what new ones prefer. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** TLS 1.3 suites, then TLS 1.2 ECDHE with AES-GCM or ChaCha20: no CBC, no RSA key exchange, no SHA-1. */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {
    }

    /**
     * @param truststore CA certificates: when given, clients that present a certificate must
     *                   chain to one of them (client certificates stay optional: phones rarely
     *                   have one), and so must phones we connect to; when null, outbound
     *                   connections trust the JDK's default CAs
     */
    public static TlsSettings load(int port, Path keystore, char[] password, String type,
                                   Path truststore, char[] trustPassword, String trustType) throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keys = keyStore(keystore, password, type);
            kmf.init(keys, password);
            TrustManagerFactory tmf = null;
            if (truststore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(keyStore(truststore, trustPassword, trustType));
            }
            SslContextBuilder server = SslContextBuilder.forServer(kmf);
            // phones are reached by IP address and their certificates rarely name it: the chain is
            // checked (against the truststore), the host name is not
            SslContextBuilder client = SslContextBuilder.forClient().endpointIdentificationAlgorithm(null);
            if (tmf != null) {
                server.trustManager(tmf).clientAuth(ClientAuth.OPTIONAL);
                client.trustManager(tmf);
            }
            return new TlsSettings(port, harden(server).build(), harden(client).keyManager(kmf).build(),
                    describe(keys));
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS keystore " + keystore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The first key entry's certificate: what the listener serves (a keystore for SIP holds one). */
    private static String describe(KeyStore keys) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate c) {
                return "serial " + c.getSerialNumber().toString(16) + ", " + c.getSubjectX500Principal().getName()
                        + ", valid until " + c.getNotAfter().toInstant();
            }
        }
        return "no X.509 certificate";
    }

    /**
     * BoringSSL (netty-tcnative) when its native library loads: it needs no JIT warm-up and
     * less CPU per record than the JDK's SSLEngine (docs/benchmarks.md, "TLS"). The JDK's
     * otherwise: another CPU than x86-64, a temporary directory mounted {@code noexec} (Netty
     * unpacks the library there), or {@code -Dio.netty.handler.ssl.noOpenSsl=true}.
     */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** The provider as the log and the documentation name it. */
    public static String providerName() {
        return provider() == SslProvider.OPENSSL ? OpenSsl.versionString() : "the JDK's SSLEngine";
    }

    private static SslContextBuilder harden(SslContextBuilder b) {
        return b.sslProvider(provider()).protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
    }

    private static KeyStore keyStore(Path file, char[] password, String type)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            // a wrong password surfaces as an IOException from load(); say which file, never the password
            throw new IOException("TLS keystore " + file + " cannot be read (wrong password or not a " + type
                    + " file): " + e.getMessage(), e);
        }
        return ks;
    }
}
