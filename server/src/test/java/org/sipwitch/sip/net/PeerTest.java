package org.sipwitch.sip.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void peerTextBracketsIpv6(String literal) throws Exception {
        Peer peer = new Peer(Transport.TCP, new InetSocketAddress(InetAddress.getByName(literal), 5070));
        String host = literal.contains(":") ? "[" + literal + "]" : literal;
        assertThat(peer).hasToString("tcp:" + host + ":5070");
    }
}
