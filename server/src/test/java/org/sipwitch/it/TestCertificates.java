package org.sipwitch.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate made at test time with the JDK's own keytool (what
 * docs/security.md tells operators to run), and a client SSLContext trusting it.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-keystore-pw-7f3a";
    static final String ALIAS = "sipwitch";

    private TestCertificates() {
    }

    /** Writes {@code dir/server.p12} (PKCS12, EC P-256, SAN ip:127.0.0.1) and returns it. */
    public static Path serverKeystore(Path dir) throws IOException, InterruptedException {
        Path p12 = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return p12;
    }

    /** A client context that trusts exactly that certificate. */
    public static SSLContext clientTrusting(Path p12) throws IOException, GeneralSecurityException {
        KeyStore server = load(p12);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate(ALIAS));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The {@code <stack>} children that turn TLS on with that keystore on a free port. */
    public static String stackXml(Path p12) {
        return "<tls><port>0</port><keystore>" + p12 + "</keystore><password>" + PASSWORD
                + "</password><type>PKCS12</type></tls>";
    }

    /** The same, with a truststore (the server's connections to phones must chain to it). */
    public static String stackXml(Path p12, Path truststore) {
        return "<tls><port>0</port><keystore>" + p12 + "</keystore><password>" + PASSWORD
                + "</password><truststore>" + truststore + "</truststore><truststore-password>" + PASSWORD
                + "</truststore-password></tls>";
    }

    /** Writes {@code dir/trust.p12}: a PKCS12 truststore holding the certificate of {@code p12}. */
    public static Path truststore(Path p12, Path dir) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load(p12).getCertificate(ALIAS));
        Path out = dir.resolve("trust.p12");
        try (java.io.OutputStream o = Files.newOutputStream(out)) {
            trust.store(o, PASSWORD.toCharArray());
        }
        return out;
    }

    /** A server context with that certificate: a phone accepting TLS connections from the daemon. */
    public static SSLContext serverContext(Path p12) throws IOException, GeneralSecurityException {
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(p12), PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /**
     * Base64 of the SHA-256 of the certificate's public key (SubjectPublicKeyInfo), as
     * Chromium's {@code --ignore-certificate-errors-spki-list} names the keys it trusts.
     */
    public static String spkiSha256(Path p12) throws IOException, GeneralSecurityException {
        byte[] spki = load(p12).getCertificate(ALIAS).getPublicKey().getEncoded();
        return java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(spki));
    }

    private static KeyStore load(Path p12) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
