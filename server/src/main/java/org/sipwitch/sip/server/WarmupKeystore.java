package org.sipwitch.sip.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate for the warm-up's TLS listener, so that the TLS path gets
 * compiled without the daemon's own key or password leaving its configuration. The JDK
 * has no public API that makes a certificate, so {@code keytool} of the running Java
 * makes one (P-256, valid one day, for {@code warmup.invalid}) with a random password.
 * The warm-up phones trust exactly that certificate: it is their truststore too.
 *
 * @param file     the PKCS12 keystore, in the warm-up's temporary directory
 * @param password its random password (the warm-up's config carries it; both are deleted after)
 * @param client   the phones' side: trusts only this certificate
 */
record WarmupKeystore(Path file, String password, SSLContext client) {
    private static final long KEYTOOL_SECONDS = 30;
    private static final String ALIAS = "warmup";
    private static final String PASSWORD_VARIABLE = "WARMUP_STOREPASS";

    /** Makes the keystore in {@code dir}; fails when keytool is missing or does not succeed. */
    static WarmupKeystore create(Path dir) throws IOException {
        Path file = dir.resolve("warmup.p12");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder command = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=warmup.invalid", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass:env", PASSWORD_VARIABLE))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().put(PASSWORD_VARIABLE, password); // never on a command line others can read
        Process p = command.start();
        try {
            if (!p.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool took more than " + KEYTOOL_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the warm-up certificate");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IOException("keytool could not make the warm-up certificate (exit " + p.exitValue() + ")");
        }
        return new WarmupKeystore(file, password, trusting(file, password));
    }

    private static SSLContext trusting(Path file, String password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, store.getCertificate(ALIAS));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the warm-up certificate is not usable: " + e.getMessage(), e);
        }
    }
}
