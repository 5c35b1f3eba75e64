package org.sipwitch.sip.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;

/** Which phones of other nodes need the hop through their node, and where that node is. */
class NodeHopsTest {
    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final NodeTable nodes = new NodeTable("n1");
    final NodeHops hops = new NodeHops(nodes, new NodeProof("n1", "0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            clock));

    Binding at(String node, String contact, Transport t, String sourceIp) {
        return new Binding("bob", null, contact, new Peer(t, new InetSocketAddress(sourceIp, 40000)), "c", 1,
                clock.millis() + 60_000, Binding.NO_Q, null, null, clock.millis(), false, node);
    }

    @Test
    void streamAndNattedPhonesOfAnotherNodeGoThroughIt() {
        String address = "sip:127.0.0.2:5062;transport=tcp";
        nodes.update(new NodeState("n2", address, NodeAddress.peer(address), clock.millis(), true));
        Peer n2 = new Peer(Transport.TCP, new InetSocketAddress("127.0.0.2", 5062));
        assertThat(hops.via(at("n2", "sip:bob@127.0.0.1:5070;transport=tcp", Transport.TCP, "127.0.0.1")))
                .isEqualTo(n2);
        assertThat(hops.via(at("n2", "sip:bob@192.168.1.20:5060", Transport.UDP, "203.0.113.9")))
                .as("behind NAT: only n2's pinhole reaches it").isEqualTo(n2);
        assertThat(hops.via(at("n2", "sip:bob@203.0.113.9:5060", Transport.UDP, "203.0.113.9")))
                .as("UDP, listening where it says: called directly").isNull();
        assertThat(hops.via(at(null, "sip:bob@127.0.0.1:5070;transport=tcp", Transport.TCP, "127.0.0.1")))
                .as("our own phone").isNull();
    }

    @Test
    void publishedAddressesAreRead() {
        assertThat(NodeAddress.format("10.0.0.1:5060", Transport.TCP)).isEqualTo("sip:10.0.0.1:5060;transport=tcp");
        assertThat(NodeAddress.format("10.0.0.1:5060;transport=tls", Transport.UDP))
                .isEqualTo("sip:10.0.0.1:5060;transport=tls");
        assertThat(NodeAddress.peer("sip:[::1]:5070;transport=tcp"))
                .isEqualTo(new Peer(Transport.TCP, new InetSocketAddress("::1", 5070)));
        assertThat(NodeAddress.peer("sip:10.0.0.1:5060")).extracting(Peer::transport).isEqualTo(Transport.UDP);
        assertThat(NodeAddress.peer("sip:10.0.0.1:99999")).isNull();
        assertThat(NodeAddress.peer("sip:10.0.0.1:5060;transport=sctp")).isNull();
        assertThat(NodeAddress.peer("garbage")).isNull();
    }
}
