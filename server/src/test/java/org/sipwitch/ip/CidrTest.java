package org.sipwitch.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    @Test
    void ipv4Networks() {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertThat(net.contains(ip("10.1.0.0"))).isTrue();
        assertThat(net.contains(ip("10.1.255.255"))).isTrue();
        assertThat(net.contains(ip("10.2.0.0"))).isFalse();
        assertThat(net.contains(ip("10.0.255.255"))).isFalse();
        assertThat(Cidr.parse("192.168.1.0/25").contains(ip("192.168.1.127"))).isTrue();
        assertThat(Cidr.parse("192.168.1.0/25").contains(ip("192.168.1.128"))).isFalse();
    }

    @Test
    void edgesZeroAndFullLength() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse(); // families never mix
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.1/32").contains(ip("10.0.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.1/32").contains(ip("10.0.0.2"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("10.0.0.1").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("::1").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("10.0.0.1").contains(null)).isFalse();
    }

    @Test
    void ipv6Networks() {
        Cidr net = Cidr.parse("2001:db8::/32");
        assertThat(net.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(net.contains(ip("2001:db9::1"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(Cidr.parse("[::1]").contains(ip("::1"))).isTrue();
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Networks() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1); // as a dual-stack socket may report
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("127.0.0.0/8").contains(v6)).isTrue();
        assertThat(Cidr.parse("::ffff:127.0.0.0/104").contains(ip("127.1.2.3"))).isTrue();
        assertThat(Cidr.parse("::ffff:127.0.0.0/104")).hasToString("127.0.0.0/8");
    }

    @Test
    void canonicalTextClearsHostBits() {
        assertThat(Cidr.parse("192.168.1.77/24")).hasToString("192.168.1.0/24");
        assertThat(Cidr.parse("2001:DB8:0:0:1::1/64")).hasToString("2001:db8::/64");
        assertThat(Cidr.parse("::1")).hasToString("::1/128");
        assertThat(Cidr.parse("fe80::1:0:0:1/128")).hasToString("fe80::1:0:0:1/128");
        assertThat(Cidr.parse("1:0:0:2:0:0:0:3")).hasToString("1:0:0:2::3/128");
        assertThat(Cidr.parse("10.0.0.0/8")).isEqualTo(Cidr.parse("10.9.9.9/8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0/8", "256.0.0.1",
            "010.0.0.1", "localhost", "example.com/24", "1.2.3.4/8/8", "fe80::1%eth0", "::ffff:1.2.3.4/95", "10.0.0.0/1x",
            "1:2:3:4:5:6:7:8:9", " 10.0.0.1"})
    void rejects(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
