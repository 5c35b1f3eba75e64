package org.sipwitch.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCountParsingTest {

    @Test
    void nonceCountParsing() {
        assertThat(DigestAuthenticator.parseNonceCount("00000001")).isEqualTo(1);
        assertThat(DigestAuthenticator.parseNonceCount("0000000a")).isEqualTo(10);
        assertThat(DigestAuthenticator.parseNonceCount("FFFFFFFF")).isEqualTo(0xffffffffL);
        assertThat(DigestAuthenticator.parseNonceCount("1")).isEqualTo(-1);
        assertThat(DigestAuthenticator.parseNonceCount("0000000g")).isEqualTo(-1);
        assertThat(DigestAuthenticator.parseNonceCount(null)).isEqualTo(-1);
    }
}
