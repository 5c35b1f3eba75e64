package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void userIdsAreKeptWhenPlain() {
        assertThat(Sources.userId("alice")).isEqualTo("alice");
        assertThat(Sources.userId("")).isEqualTo("-");
        assertThat(Sources.userId(null)).isEqualTo("-");
    }

    @Test
    void userIdsLoseControlCharactersAndLength() {
        assertThat(Sources.userId("a\nb c\u0000d\u00e9")).isEqualTo("a?b?c?d?");
        assertThat(Sources.userId("x".repeat(100))).isEqualTo("x".repeat(64) + "…");
    }

    @Test
    void ipv4AddressesAreTheirOwnKeyAndIpv6StaysIpv6() {
        InetAddress v4 = ip("192.0.2.1");
        assertThat(Sources.key(v4)).isSameAs(v4);
        assertThat(Sources.key(ip("2001:db8::1"))).isEqualTo(ip("2001:db8::1"));
        assertThat(Sources.format(ip("2001:db8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
    }
}
