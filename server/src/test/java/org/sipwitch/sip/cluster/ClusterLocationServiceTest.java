package org.sipwitch.sip.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;

/**
 * The node's view: its own bindings, the others' while their node is alive, one per
 * contact, and what changed marked for the store. (The store itself is exercised against
 * a real redis-server by ClusterIT.)
 */
class ClusterLocationServiceTest {
    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final NodeTable nodes = new NodeTable("n1");
    final ClusterLocationService location = new ClusterLocationService(new InMemoryLocationService(clock, 8), nodes,
            clock);

    Binding binding(String user, String contact, Transport t, int port, long ttl) {
        return new Binding(user, "202", contact, new Peer(t, new InetSocketAddress("127.0.0.1", port)), "cid", 1,
                clock.millis() + ttl, Binding.NO_Q, null, null, clock.millis(), false);
    }

    void alive(String node, boolean alive) {
        nodes.update(new NodeState(node, "sip:127.0.0.1:5999;transport=tcp", null, clock.millis(), alive));
    }

    @Test
    void ownChangesAreMarkedForTheStoreAndTakenOnce() {
        location.put(binding("bob", "sip:bob@127.0.0.1:5070", Transport.UDP, 5070, 60_000));
        assertThat(location.pendingWrites()).isEqualTo(1);
        assertThat(location.takeDirty(10)).containsExactly("bob");
        assertThat(location.takeDirty(10)).isEmpty();
        RedisStore.UserWrite w = ClusterSync.encode("bob", location.ownBindings("bob"));
        assertThat(w.expiresAtMillis()).isEqualTo(clock.millis() + 60_000);
        // what another node reads back is the same binding, held by this node
        Binding back = ClusterSync.decode(Map.of("n1", w.lines())).get("n1").get(0);
        assertThat(back).isEqualTo(location.ownBindings("bob").get(0));
        assertThat(ClusterSync.encode("bob", List.of()).lines()).as("none left: the field goes").isNull();
    }

    @Test
    void otherNodesBindingsCountWhileTheirNodeIsAlive() {
        alive("n2", true);
        location.applyStored("bob", Map.of("n2", List.of(binding("bob", "sip:bob@127.0.0.1:5080;transport=tcp",
                Transport.TCP, 40000, 60_000))), false);
        assertThat(location.lookup("bob")).singleElement().extracting(Binding::node).isEqualTo("n2");
        assertThat(location.lookupExtension("202")).hasSize(1);
        assertThat(location.lookupAor("sip:bob@example.net")).hasSize(1);
        assertThat(location.pendingWrites()).as("another node's binding is not ours to write").isZero();

        alive("n2", false); // its liveness key lapsed: kill -9
        assertThat(location.lookup("bob")).as("unreachable: the call gets 480").isEmpty();
        assertThat(location.all()).singleElement().satisfies(b -> {
            assertThat(b.node()).isEqualTo("n2");
            assertThat(location.reachable(b)).isFalse();
        });
    }

    @Test
    void aPhoneThatMovedIsReachedWhereItRegisteredLast() {
        alive("n2", true);
        String contact = "sip:bob@127.0.0.1:5070";
        location.put(binding("bob", contact, Transport.UDP, 5070, 30_000));
        location.applyStored("bob", Map.of("n2", List.of(binding("bob", contact, Transport.UDP, 5070, 60_000))),
                false);
        assertThat(location.lookup("bob")).singleElement().extracting(Binding::node).isEqualTo("n2");
    }

    @Test
    void ownPartOfTheStoreIsRestoredOnlyIntoAnEmptyMemory() {
        Binding stored = binding("bob", "sip:bob@127.0.0.1:5070", Transport.UDP, 5070, 60_000);
        location.applyStored("bob", Map.of("n1", List.of(stored)), true);
        assertThat(location.ownBindings("bob")).containsExactly(stored);
        Binding expired = binding("carol", "sip:carol@127.0.0.1:5071", Transport.UDP, 5071, -1);
        location.applyStored("carol", Map.of("n1", List.of(expired)), true);
        assertThat(location.lookup("carol")).isEmpty();
    }

    @Test
    void incompleteWhileTheStoreIsDown() {
        assertThat(location.complete()).as("not yet reached").isFalse();
        location.storeUp(true);
        assertThat(location.complete()).isTrue();
    }
}
