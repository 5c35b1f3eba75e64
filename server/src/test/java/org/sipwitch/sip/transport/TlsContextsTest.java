package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.it.TestCertificates;

/** The contexts the TLS listener and outbound TLS are built from, with the provider that ships. */
class TlsContextsTest {

    @TempDir
    Path dir;

    /** The BoringSSL library is in the jar for x86-64 Linux, so there it is what serves TLS. */
    @Test
    void boringSslServesTlsOnX8664Linux() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the native library shipped is for x86-64 Linux");
        assertThat(OpenSsl.isAvailable()).as(String.valueOf(OpenSsl.unavailabilityCause())).isTrue();
        assertThat(TlsContexts.provider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsContexts.providerName()).startsWith("BoringSSL");
    }

    /** Whichever provider: TLS 1.2 and 1.3 only, and only the forward-secret AEAD suites of the list. */
    @Test
    void bothSidesOfferOnlyTheHardenedProtocolsAndSuites() throws Exception {
        Path p12 = TestCertificates.serverKeystore(dir);
        TlsSettings tls = TlsContexts.load(0, p12, TestCertificates.PASSWORD.toCharArray(), "PKCS12", null,
                new char[0], "PKCS12");
        assertThat(tls.certificate()).contains("CN=localhost");
        for (SSLEngine engine : List.of(tls.server().newEngine(ByteBufAllocator.DEFAULT),
                tls.client().newEngine(ByteBufAllocator.DEFAULT))) {
            try {
                // "SSLv2Hello" is a ClientHello format, not a protocol: Netty's OpenSSL engine always
                // lists it; what is negotiated is still TLS 1.2 or 1.3
                assertThat(engine.getEnabledProtocols()).contains("TLSv1.3", "TLSv1.2")
                        .allMatch(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2") || p.equals("SSLv2Hello"));
                assertThat(engine.getEnabledCipherSuites()).isNotEmpty().allMatch(TlsContexts.CIPHERS::contains);
            } finally {
                ReferenceCountUtil.release(engine);
            }
        }
    }
}
