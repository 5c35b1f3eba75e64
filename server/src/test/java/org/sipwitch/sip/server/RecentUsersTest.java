package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The usercache: bounded, the least recently seen user goes first, newest listed first. */
class RecentUsersTest {
    @Test
    void evictsTheLeastRecentlySeenAndListsNewestFirst() throws Exception {
        RecentUsers users = new RecentUsers(2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        users.seen("alice", a, 1);
        users.seen("bob", a, 2);
        users.seen("alice", a, 3); // seen again: now the newest
        users.seen("carol", a, 4); // evicts bob, not alice
        assertThat(users.entries()).extracting(RecentUsers.Entry::user).containsExactly("carol", "alice");
        assertThat(users.entries().get(1).lastSeen()).isEqualTo(3);
    }
}
