package org.sipwitch.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestCredentialsParserTest {

    @Test
    void parsesTheRfc2617Example() {
        DigestCredentials c = DigestCredentialsParser.parse("Digest username=\"Mufasa\",\r\n"
                + "                 realm=\"testrealm@host.com\",\r\n"
                + "                 nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
                + "                 uri=\"/dir/index.html\",\r\n"
                + "                 qop=auth,\r\n"
                + "                 nc=00000001,\r\n"
                + "                 cnonce=\"0a4f113b\",\r\n"
                + "                 response=\"6629fae49393a05397450978507c4ef1\",\r\n"
                + "                 opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertThat(c).isNotNull();
        assertThat(c.username()).isEqualTo("Mufasa");
        assertThat(c.realm()).isEqualTo("testrealm@host.com");
        assertThat(c.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.uri()).isEqualTo("/dir/index.html");
        assertThat(c.qop()).isEqualTo("auth");
        assertThat(c.nc()).isEqualTo("00000001");
        assertThat(c.cnonce()).isEqualTo("0a4f113b");
        assertThat(c.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(c.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).isNull();
        assertThat(c.isComplete()).isTrue();
    }

    @Test
    void schemeAndNamesAreCaseInsensitiveAndSpacingIsFree() {
        DigestCredentials c = DigestCredentialsParser.parse(
                "digest USERNAME = \"a\" ,Realm=\"r\",nonce=\"n\",uri=sip:r,response=\"x\",ALGORITHM=SHA-256");
        assertThat(c).isNotNull();
        assertThat(c.username()).isEqualTo("a");
        assertThat(c.uri()).isEqualTo("sip:r");
        assertThat(c.algorithm()).isEqualTo("SHA-256");
    }

    @Test
    void quotedPairsAreUnescapedAndCommasInQuotesKept() {
        DigestCredentials c = DigestCredentialsParser.parse(
                "Digest username=\"a\\\"b\\\\c, d\", realm=\"r\", nonce=\"n\", uri=\"sip:x@y;transport=tcp\", response=\"z\"");
        assertThat(c).isNotNull();
        assertThat(c.username()).isEqualTo("a\"b\\c, d");
        assertThat(c.uri()).isEqualTo("sip:x@y;transport=tcp");
    }

    @Test
    void unknownParametersAreIgnored() {
        DigestCredentials c = DigestCredentialsParser.parse(
                "Digest username=\"a\", userhash=false, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"z\", x-y=\"1\"");
        assertThat(c).isNotNull();
        assertThat(c.username()).isEqualTo("a");
    }

    @Test
    void rejectsMalformed() {
        assertThat(DigestCredentialsParser.parse(null)).isNull();
        assertThat(DigestCredentialsParser.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).isNull();
        assertThat(DigestCredentialsParser.parse("Digestusername=\"a\"")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=\"a")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=\"a\" realm=\"r\"")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest =\"a\"")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=\"a\",")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=\"a\\")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest username=\"a\", username=\"b\"")).isNull();
        assertThat(DigestCredentialsParser.parse("Digest " + "x=\"y\", ".repeat(1000) + "a=b")).isNull();
    }

    @Test
    void incompleteCredentialsAreFlagged() {
        DigestCredentials noCnonce = DigestCredentialsParser.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"z\", qop=auth, nc=00000001");
        assertThat(noCnonce.isComplete()).isFalse();
        DigestCredentials noResponse = DigestCredentialsParser.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"");
        assertThat(noResponse.isComplete()).isFalse();
    }

    @Test
    void toStringLeavesOutTheResponse() {
        DigestCredentials c = DigestCredentialsParser.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"deadbeefcafe\"");
        assertThat(c.toString()).doesNotContain("deadbeefcafe");
    }
}
