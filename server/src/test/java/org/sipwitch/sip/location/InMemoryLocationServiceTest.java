package org.sipwitch.sip.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;

class InMemoryLocationServiceTest {
    final MutableClock clock = new MutableClock(1_000_000L);
    final InMemoryLocationService location = new InMemoryLocationService(clock, 3);
    final List<String> events = new ArrayList<>();

    Binding binding(String user, String ext, String contact, long seconds) {
        return new Binding(user, ext, contact, new Peer(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060)),
                "cid", 1, clock.millis() + seconds * 1000, Binding.NO_Q, null, null, clock.millis(), false);
    }

    @Test
    void lookupsByIdExtensionAndAor() {
        Binding b = binding("alice", "201", "sip:alice@192.0.2.1", 60);
        location.put(b);
        assertThat(location.lookup("alice")).containsExactly(b);
        assertThat(location.lookupExtension("201")).containsExactly(b);
        assertThat(location.lookupAor("sip:alice@example.net")).containsExactly(b);
        assertThat(location.lookupAor("sips:201@example.net")).containsExactly(b);
        assertThat(location.lookupAor("alice")).containsExactly(b);
        assertThat(location.lookupAor("sip:bob@example.net")).isEmpty();
        assertThat(location.all()).containsExactly(b);
        assertThat(location.count()).isEqualTo(1);
        assertThat(location.userCount()).isEqualTo(1);
    }

    @Test
    void listenersHearAddRefreshRemoveAndExpiry() {
        location.addListener(new BindingListener() {
            @Override public void added(Binding b) { events.add("added " + b.contact()); }
            @Override public void refreshed(Binding before, Binding after) { events.add("refreshed " + after.contact()); }
            @Override public void removed(Binding b, Cause cause) { events.add(cause + " " + b.contact()); }
        });
        location.put(binding("alice", "201", "sip:a@1", 60));
        location.put(binding("alice", "201", "sip:a@2", 10));
        location.put(binding("alice", "201", "sip:a@1", 120));
        assertThat(location.remove("alice", "SIP:A@1", BindingListener.Cause.UNREGISTERED)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(location.sweep(clock.millis())).hasSize(1);
        assertThat(events).containsExactly("added sip:a@1", "added sip:a@2", "refreshed sip:a@1",
                "UNREGISTERED sip:a@1", "EXPIRED sip:a@2");
        assertThat(location.count()).isZero();
        assertThat(location.userCount()).isZero();
        assertThat(location.lookupExtension("201")).isEmpty();
    }

    @Test
    void staticBindingsNeverExpireUntilReleased() {
        Binding fixed = Binding.fixed("bob", "202", "sip:202@192.0.2.9",
                new Peer(Transport.UDP, new InetSocketAddress("192.0.2.9", 5060)), clock.millis());
        location.put(fixed);
        clock.advance(Duration.ofDays(3650));
        assertThat(location.sweep(clock.millis())).isEmpty();
        assertThat(location.lookupExtension("202")).containsExactly(fixed);
        assertThat(fixed.remainingSeconds(clock.millis())).isEqualTo(Long.MAX_VALUE);
        assertThat(location.removeUser("bob", BindingListener.Cause.RELEASED)).containsExactly(fixed);
        assertThat(location.lookupExtension("202")).isEmpty();
        assertThat(location.count()).isZero();
    }

    @Test
    void perUserCapIsHard() {
        for (int i = 0; i < 3; i++) {
            location.put(binding("alice", null, "sip:a@" + i, 60));
        }
        assertThatThrownBy(() -> location.put(binding("alice", null, "sip:a@9", 60)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(location.lookup("alice")).hasSize(3);
    }

    @Test
    void anUnchangedUpdateKeepsEverything() {
        location.put(binding("alice", null, "sip:a@1", 60));
        List<Binding> after = location.update("alice", current -> current, BindingListener.Cause.UNREGISTERED);
        assertThat(after).hasSize(1);
        assertThat(location.count()).isEqualTo(1);
    }
}
