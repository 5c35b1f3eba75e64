package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate, copied over the keystore file, is served after
 * {@code sipwitchctl reload}, without a restart: {@code openssl s_client} sees the new
 * serial on the same port.
 */
class TlsRenewalIT {
    @TempDir
    Path work;
    DaemonProcess daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void reloadServesTheRenewedCertificate() throws Exception {
        Path p12 = TestCertificates.serverKeystore(work);
        Path config = new TestConfig().user("alice", "201", "alice-secret").transports("udp tcp tls")
                .stack(TestCertificates.stackXml(p12)).write(work);
        daemon = DaemonProcess.start(config, work);
        InetSocketAddress tls = daemon.address("tls");
        BigInteger first = serial(p12);
        assertThat(servedSerial(tls)).isEqualTo(first);

        Path renewed = TestCertificates.serverKeystore(Files.createDirectory(work.resolve("renewed")));
        BigInteger second = serial(renewed);
        assertThat(second).isNotEqualTo(first);
        Files.copy(renewed, p12, StandardCopyOption.REPLACE_EXISTING);

        Tools.Result reload = Tools.sipwitchctl(daemon, "reload");
        assertThat(reload.status()).as(reload.toString()).isZero();
        assertThat(reload.out()).contains("stack.tls.keystore: reloaded, serving serial " + second.toString(16));
        assertThat(servedSerial(tls)).isEqualTo(second);
        assertThat(daemon.address("tls")).as("same listener").isEqualTo(tls);
        assertThat(reload.out() + String.join("\n", daemon.stderr())).doesNotContain(TestCertificates.PASSWORD);
    }

    private static BigInteger serial(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return ((X509Certificate) ks.getCertificate(TestCertificates.ALIAS)).getSerialNumber();
    }

    /** The serial of the certificate the daemon presents, as openssl s_client sees it. */
    private BigInteger servedSerial(InetSocketAddress tls) throws Exception {
        String connect = tls.getAddress().getHostAddress() + ":" + tls.getPort();
        Process p = new ProcessBuilder("sh", "-c", "openssl s_client -connect " + connect
                + " </dev/null 2>/dev/null | openssl x509 -noout -serial")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(out).as("openssl output").startsWith("serial=");
        return new BigInteger(out.substring("serial=".length()).toLowerCase(Locale.ROOT), 16);
    }
}
