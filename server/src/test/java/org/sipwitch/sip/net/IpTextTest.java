package org.sipwitch.sip.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK-only text form must match what Netty printed before, which traces and the journal hold. */
class IpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "192.0.2.7", "::1", "::", "2001:db8::1", "2001:db8:0:0:1:0:0:1",
            "2001:0:0:1:0:0:0:1", "fe80::1:2:3:4", "1::", "1:0:1:0:1:0:1:0", "2001:db8:1:2:3:4:5:6",
            "0:0:1::", "ABCD:EF01::0"})
    void matchesRfc5952AsNettyPrintsIt(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(IpText.of(address)).isEqualTo(NetUtil.toAddressString(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void peerTextBracketsIpv6(String literal) throws Exception {
        Peer peer = new Peer(Transport.TCP, new InetSocketAddress(InetAddress.getByName(literal), 5070));
        String host = literal.contains(":") ? "[" + literal + "]" : literal;
        assertThat(peer).hasToString("tcp:" + host + ":5070");
    }
}
