package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipwitch.ip.Cidr;

/** The compiled matcher must agree with {@link Cidr#contains} everywhere. */
class CidrMatcherTest {

    private static final List<String> NETWORKS = List.of("10.0.0.0/8", "192.168.1.7/24", "203.0.113.9",
            "2001:db8::/32", "fe80::/10", "::1", "2001:db8:1:2::/63");

    private static final List<String> PROBES = List.of("10.255.0.1", "11.0.0.1", "192.168.1.200", "192.168.2.1",
            "203.0.113.9", "203.0.113.8", "2001:db8::5", "2001:db9::5", "fe80::1", "fec0::1", "::1", "::2",
            "2001:db8:1:3::9", "2001:db8:1:4::9", "0.0.0.0", "255.255.255.255", "::");

    @Test
    void agreesWithCidrContains() {
        for (String network : NETWORKS) {
            Cidr cidr = Cidr.parse(network);
            CidrMatcher matcher = new CidrMatcher(List.of(cidr));
            for (String probe : PROBES) {
                InetAddress address = ip(probe);
                assertThat(matcher.matches(address)).as(network + " contains " + probe)
                        .isEqualTo(cidr.contains(address));
            }
        }
    }

    @Test
    void ipv4NetworksMatchIpv4MappedAddressesOnly() throws Exception {
        CidrMatcher v4 = new CidrMatcher(List.of(Cidr.parse("0.0.0.0/0")));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        assertThat(v4.matches(Inet6Address.getByAddress(null, mapped, null))).isTrue();
        assertThat(v4.matches(ip("2001:db8::1"))).isFalse();
        CidrMatcher v6 = new CidrMatcher(List.of(Cidr.parse("::/0")));
        assertThat(v6.matches(ip("10.0.0.1"))).isFalse();
        assertThat(v6.matches(ip("::1"))).isTrue();
    }

    @Test
    void emptyMatchesNothing() {
        CidrMatcher none = new CidrMatcher(List.of());
        assertThat(Stream.of("10.0.0.1", "::1").map(Fixtures::ip).anyMatch(none::matches)).isFalse();
        assertThat(none.isEmpty()).isTrue();
    }
}
