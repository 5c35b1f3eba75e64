package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipwitch.ip.Cidr;

class AccessPolicyTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void accessPolicy() {
        AccessPolicy open = new AccessPolicy(List.of(Cidr.parse("127.0.0.0/8")), List.of());
        assertThat(open.isAllowed(ip("203.0.113.1"))).isTrue();
        assertThat(open.isTrusted(ip("203.0.113.1"))).isFalse();
        assertThat(open.isTrusted(ip("127.0.0.1"))).isTrue();

        AccessPolicy closed = new AccessPolicy(List.of(Cidr.parse("::1")), List.of(Cidr.parse("10.0.0.0/8")));
        assertThat(closed.isAllowed(ip("10.2.3.4"))).isTrue();
        assertThat(closed.isTrusted(ip("10.2.3.4"))).isFalse();
        assertThat(closed.isAllowed(ip("::1"))).isTrue();
        assertThat(closed.isAllowed(ip("11.0.0.1"))).isFalse();
        assertThat(closed.isAllowed(ip("2001:db8::1"))).isFalse();
    }
}
