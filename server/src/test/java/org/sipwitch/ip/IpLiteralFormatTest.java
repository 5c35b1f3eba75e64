package org.sipwitch.ip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK-only text form must match what Netty printed before (Peer, the journal), which traces and stored lines hold. */
class IpLiteralFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "192.0.2.7", "::1", "::", "2001:db8::1", "2001:db8:0:0:1:0:0:1",
            "2001:0:0:1:0:0:0:1", "fe80::1:2:3:4", "1::", "1:0:1:0:1:0:1:0", "2001:db8:1:2:3:4:5:6",
            "0:0:1::", "ABCD:EF01::0"})
    void matchesRfc5952AsNettyPrintsIt(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(IpLiteral.format(address)).isEqualTo(NetUtil.toAddressString(address));
    }
}
