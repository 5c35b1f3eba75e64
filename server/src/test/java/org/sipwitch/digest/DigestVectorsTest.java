package org.sipwitch.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers from the RFCs: if these fail, no phone will ever authenticate. */
class DigestVectorsTest {

    @Test
    void rfc2617Mufasa() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray());
        byte[] r = DigestComputer.forThread().response(DigestAlgorithm.MD5, ha1, "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth");
        assertThat(new String(r, 0, 32, StandardCharsets.US_ASCII)).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(DigestComputer.hexEquals(r, 32, "6629FAE49393A05397450978507C4EF1")).isTrue();
        assertThat(DigestComputer.hexEquals(r, 32, "6629fae49393a05397450978507c4ef0")).isFalse();
        assertThat(DigestComputer.hexEquals(r, 32, "6629fae49393a05397450978507c4ef")).isFalse();
    }

    @Test
    void rfc7616Sha256() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
        byte[] r = DigestComputer.forThread().response(DigestAlgorithm.SHA_256, ha1, "GET", "/dir/index.html",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth");
        assertThat(new String(r, 0, 64, StandardCharsets.US_ASCII))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc7616Md5Variant() {
        // RFC 7616 §3.9.1, the MD5 response of the same example
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
        byte[] r = DigestComputer.forThread().response(DigestAlgorithm.MD5, ha1, "GET", "/dir/index.html",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth");
        assertThat(new String(r, 0, 32, StandardCharsets.US_ASCII)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }
}
