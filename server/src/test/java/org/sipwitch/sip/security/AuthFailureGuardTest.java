package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.sip.security.Fixtures.ip;
import static org.sipwitch.sip.security.Fixtures.ipv4;
import static org.sipwitch.sip.security.Fixtures.policy;
import static org.sipwitch.sip.security.Fixtures.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

class AuthFailureGuardTest {

    private final ManualTime time = new ManualTime();
    private final RecordingListener events = new RecordingListener();
    private AuthFailureGuard guard;

    private static final InetAddress ATTACKER = ip("203.0.113.9");
    private static final InetAddress ALICE_PHONE = ip("198.51.100.7");

    @BeforeEach
    void setUp() {
        guard = newGuard(AccessLists.open(), GuardLimits.defaults());
    }

    private AuthFailureGuard newGuard(AccessLists access, GuardLimits limits) {
        AuthFailureGuard g = new AuthFailureGuard(security(), access, limits, time);
        g.addListener(events);
        return g;
    }

    private void fail(InetAddress source, String user, int times) {
        for (int i = 0; i < times; i++) {
            guard.recordFailure(source, user);
        }
    }

    /** One failure each for {@code names} distinct user ids: what a scanner does. */
    private void scan(InetAddress source, int names) {
        for (int i = 0; i < names; i++) {
            guard.recordFailure(source, "user" + i);
        }
    }

    @Test
    void wrongPasswordsLockOnlyThatUserAtThatSource() {
        InetAddress office = ip("192.0.2.50"); // one NAT address for every phone of an office
        fail(office, "bob", 4);
        assertThat(guard.isLocked(office, "bob")).isFalse();
        guard.recordFailure(office, "bob");
        assertThat(guard.isLocked(office, "bob")).isTrue();
        assertThat(guard.isLocked(office, "alice")).isFalse(); // alice's phone there goes on
        assertThat(guard.isLocked(ALICE_PHONE, "bob")).isFalse(); // and bob elsewhere
        assertThat(guard.isBlocked(office)).isFalse();
        fail(office, "bob", 20); // a phone retrying does not make it a scanner
        assertThat(guard.isBlocked(office)).isFalse();
        assertThat(events.locked).singleElement().satisfies(l -> {
            assertThat(l.userId()).isEqualTo("bob");
            assertThat(l.until()).isEqualTo(l.since().plusSeconds(600));
        });
        assertThat(guard.locked()).singleElement().satisfies(l -> assertThat(l.describe())
                .startsWith("192.0.2.50 user bob since ").contains(" until ").endsWith("failures 5"));
        assertThat(guard.blocked()).isEmpty();
    }

    @Test
    void aScannerTryingSeveralUsersIsBlockedOnceAndTheListenerToldOnce() {
        scan(ATTACKER, 2);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.recordFailure(ATTACKER, "carol")).isTrue();
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        fail(ATTACKER, "dave", 20); // requests already in flight keep failing
        assertThat(events.blocked).singleElement().satisfies(b -> {
            assertThat(b.address()).isEqualTo(ATTACKER);
            assertThat(b.failures()).isEqualTo(3);
            assertThat(b.lastUser()).isEqualTo("carol");
            assertThat(b.until()).isEqualTo(b.since().plusSeconds(600));
        });
        assertThat(guard.blocked()).singleElement().satisfies(listed -> {
            assertThat(listed.failures()).isEqualTo(23);
            assertThat(listed.lastUser()).isEqualTo("dave");
        });
        assertThat(guard.blocksTotal()).isEqualTo(1);
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
    }

    @Test
    void scanUsersIsASetting() {
        guard.reconfigure(new SecuritySettings(5, 60, 600, BlockAction.DROP, 10, 20, 100, 0, 5, 5), AccessLists.open());
        scan(ATTACKER, 4);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        scan(ATTACKER, 5);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
    }

    @Test
    void locksAndBlocksLapseAfterBlockTimeAndCountingStartsAfresh() {
        scan(ATTACKER, 3);
        fail(ALICE_PHONE, "alice", 5);
        time.advanceSeconds(599.9);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(guard.isLocked(ALICE_PHONE, "alice")).isTrue();
        time.advanceSeconds(0.1);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.isLocked(ALICE_PHONE, "alice")).isFalse();
        assertThat(guard.blocked()).isEmpty();
        assertThat(guard.locked()).isEmpty();
        scan(ATTACKER, 2);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        scan(ATTACKER, 3);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(events.blocked).hasSize(2);
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotLockOrBlock() {
        for (int i = 0; i < 50; i++) {
            guard.recordFailure(ATTACKER, "alice");
            time.advanceSeconds(20); // 3 per minute, threshold 5 per minute
        }
        assertThat(guard.isLocked(ATTACKER, "alice")).isFalse();
        for (int i = 0; i < 10; i++) {
            guard.recordFailure(ALICE_PHONE, "user" + (i % 3));
            time.advanceSeconds(61); // one name per window
        }
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
    }

    @Test
    void slidingWindowCatchesABurstAcrossAWindowBoundary() {
        guard.recordFailure(ATTACKER, "alice"); // opens the first fixed window
        time.advanceSeconds(55);
        fail(ATTACKER, "alice", 3);
        time.advanceSeconds(6); // into the second fixed window
        fail(ATTACKER, "alice", 2);
        // 5 within the last 6 seconds: a fixed window would see only the last 2
        assertThat(guard.isLocked(ATTACKER, "alice")).isTrue();
    }

    @Test
    void unblockLiftsBlocksAndLocksOfANetworkWithACleanSlate() {
        scan(ATTACKER, 3);
        fail(ip("203.0.113.10"), "bob", 5);
        fail(ALICE_PHONE, "alice", 5);
        assertThat(guard.unblock(org.sipwitch.ip.Cidr.parse("203.0.113.0/24"))).isEqualTo(2);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.isLocked(ip("203.0.113.10"), "bob")).isFalse();
        assertThat(guard.isLocked(ALICE_PHONE, "alice")).isTrue(); // outside the network
        assertThat(events.released).containsExactly("203.0.113.9 unblocked by operator");
        assertThat(events.unlocked).containsExactly("203.0.113.10 bob");
        assertThat(guard.unblock(org.sipwitch.ip.Cidr.parse("203.0.113.0/24"))).isZero();
        // a clean slate: one more failure each blocks and locks nothing
        guard.recordFailure(ATTACKER, "user9");
        guard.recordFailure(ip("203.0.113.10"), "bob");
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.isLocked(ip("203.0.113.10"), "bob")).isFalse();
        assertThat(guard.unblock(org.sipwitch.ip.Cidr.parse("198.51.100.7"))).isEqualTo(1);
    }

    @Test
    void operatorReleaseUnblocksAndTellsTheListener() {
        scan(ATTACKER, 3);
        assertThat(guard.release("203.0.113.9")).isTrue();
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.release("203.0.113.9")).isFalse();
        assertThat(guard.release("192.0.2.1")).isFalse();
        assertThat(events.released).containsExactly("203.0.113.9 released by operator");
        assertThatThrownBy(() -> guard.release("not-an-ip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-an-ip");
        guard.recordFailure(ATTACKER, "user7");
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
    }

    @Test
    void releaseAllLiftsEveryBlock() {
        scan(ATTACKER, 3);
        scan(ALICE_PHONE, 3);
        assertThat(guard.releaseAll()).isEqualTo(2);
        assertThat(guard.blocked()).isEmpty();
    }

    @Test
    void successForgivesThatUsersFailuresOnly() {
        fail(ALICE_PHONE, "alice", 4); // old password on the phone
        guard.recordSuccess(ALICE_PHONE, "alice"); // fixed
        fail(ALICE_PHONE, "alice", 4);
        assertThat(guard.isLocked(ALICE_PHONE, "alice")).isFalse();

        // a guesser with one valid account cannot reset its list of names with it
        guard.recordFailure(ATTACKER, "alice");
        guard.recordFailure(ATTACKER, "carol");
        guard.recordSuccess(ATTACKER, "mallory");
        guard.recordFailure(ATTACKER, "dave");
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
    }

    @Test
    void userAttackedFromManySourcesIsReportedOnceButNothingIsBlocked() {
        for (int i = 0; i < 40; i++) {
            guard.recordFailure(ipv4(i), "alice"); // one failure per botnet host
        }
        assertThat(guard.blocked()).isEmpty();
        assertThat(guard.locked()).isEmpty();
        assertThat(events.targeted).singleElement().satisfies(u -> {
            assertThat(u.userId()).isEqualTo("alice");
            assertThat(u.failures()).isEqualTo(5);
            assertThat(u.sources()).isEqualTo(5);
        });
        assertThat(guard.targetedUsers()).singleElement().satisfies(u -> {
            assertThat(u.failures()).isEqualTo(40);
            assertThat(u.sources()).isEqualTo(AuthFailureGuard.MAX_SOURCES_PER_USER);
            assertThat(u.lastSource()).isEqualTo(ipv4(39));
            assertThat(u.describe()).contains("sources 16+");
        });
        assertThat(guard.isLocked(ALICE_PHONE, "alice")).isFalse();
        time.advanceSeconds(601);
        assertThat(guard.targetedUsers()).isEmpty();
    }

    @Test
    void trustedSourcesAreCountedButNeverLockedOrBlockedByDefault() {
        guard = newGuard(policy(List.of("10.0.0.0/8"), List.of()), GuardLimits.defaults());
        InetAddress pbx = ip("10.1.2.3");
        fail(pbx, "trunk", 12);
        scan(pbx, 3);
        assertThat(guard.isLocked(pbx, "trunk")).isFalse();
        assertThat(guard.isBlocked(pbx)).isFalse();
        assertThat(events.blocked).isEmpty();
        assertThat(events.locked).isEmpty();
        assertThat(events.trusted).contains("10.1.2.3 5 trunk").hasSize(3);
    }

    @Test
    void trustedSourcesCanBeMadeBlockable() {
        guard = newGuard(policy(List.of("10.0.0.0/8"), List.of()), GuardLimits.defaults().withExemptTrusted(false));
        fail(ip("10.1.2.3"), "trunk", 5);
        assertThat(guard.isLocked(ip("10.1.2.3"), "trunk")).isTrue();
        scan(ip("10.1.2.3"), 3);
        assertThat(guard.isBlocked(ip("10.1.2.3"))).isTrue();
    }

    @Test
    void reloadKeepsBlocksAndReleasesSourcesThatBecameTrusted() {
        scan(ATTACKER, 3);
        scan(ALICE_PHONE, 3);
        guard.reconfigure(new SecuritySettings(3, 30, 60, BlockAction.REJECT, 0, 1, 10, 0, 1, 2),
                policy(List.of("198.51.100.0/24"), List.of()));
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
        assertThat(events.released).containsExactly("198.51.100.7 trusted after reload");
        time.advanceSeconds(120); // the block keeps the end time it was given (600 s)
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        // the new thresholds apply to new counting
        fail(ip("192.0.2.1"), "x", 3);
        assertThat(guard.isLocked(ip("192.0.2.1"), "x")).isTrue();
        scan(ip("192.0.2.2"), 2);
        assertThat(guard.isBlocked(ip("192.0.2.2"))).isTrue();
    }

    @Test
    void blockTimeZeroNeverBlocksButStillReportsUsers() {
        guard.reconfigure(new SecuritySettings(5, 60, 0, BlockAction.DROP, 10, 20, 100, 0, 5), AccessLists.open());
        fail(ATTACKER, "alice", 50);
        scan(ATTACKER, 10);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.isLocked(ATTACKER, "alice")).isFalse();
        assertThat(events.targeted).hasSize(1);
    }

    @Test
    void ipv6AndIpv4MappedSources() throws UnknownHostException {
        InetAddress v6 = ip("2001:db8::66");
        scan(v6, 3);
        assertThat(guard.isBlocked(v6)).isTrue();
        assertThat(guard.isBlocked(ip("2001:db8::67"))).isFalse();
        assertThat(guard.release("2001:db8:0:0::66")).isTrue();

        // a dual-stack socket may report ::ffff:a.b.c.d: the same host as a.b.c.d
        InetAddress mapped = Inet6Address.getByAddress(null, mappedBytes(203, 0, 113, 9), null);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        fail(mapped, "alice", 3);
        fail(ATTACKER, "alice", 2);
        assertThat(guard.isLocked(ATTACKER, "alice")).isTrue();
        assertThat(guard.isLocked(mapped, "alice")).isTrue();
    }

    private static byte[] mappedBytes(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return bytes;
    }

    @Test
    void hostileUserIdsAreCutAndCleaned() {
        for (int i = 0; i < 3; i++) {
            guard.recordFailure(ATTACKER, "x\r\nINFO fake log line\u001b[31m" + i + "y".repeat(200));
        }
        String shown = guard.blocked().get(0).lastUser();
        assertThat(shown).doesNotContain("\r", "\n", "\u001b").hasSizeLessThanOrEqualTo(Sources.MAX_USER_ID + 1);
        assertThat(shown).startsWith("x??INFO?fake");
    }

    @Test
    void tablesStayCappedUnderAFloodOfDistinctSources() {
        GuardLimits limits = new GuardLimits(1_000, 1_000, 500, 1_000, true);
        guard = newGuard(AccessLists.open(), limits);
        for (int i = 0; i < 100_000; i++) {
            guard.recordFailure(ipv4(i), "user" + i); // spoofed: one failure each, each a new user id
        }
        assertThat(guard.trackedSources()).isLessThanOrEqualTo(1_000);
        assertThat(guard.trackedUsers()).isLessThanOrEqualTo(1_000);
        assertThat(guard.failuresTotal()).isEqualTo(100_000);

        for (int i = 0; i < 20_000; i++) {
            scan(ipv4(i), 3); // each blocks: the block table is capped too
            fail(ipv4(i), "u", 5); // and each locks a user: so is the lock table
        }
        assertThat(guard.blockedCount()).isLessThanOrEqualTo(500);
        assertThat(guard.lockedCount()).isLessThanOrEqualTo(500);
        assertThat(guard.isBlocked(ipv4(19_999))).isTrue(); // the newest block always stays
    }

    @Test
    void aThrowingListenerDoesNotBreakTheGuard() {
        guard.addListener(new AuthGuardListener() {
            @Override
            public void sourceBlocked(BlockedSource blocked) {
                throw new IllegalStateException("boom");
            }
        });
        scan(ATTACKER, 3);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(events.blocked).hasSize(1);
    }

    static final class RecordingListener implements AuthGuardListener {
        final List<BlockedSource> blocked = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        final List<String> trusted = new ArrayList<>();
        final List<TargetedUser> targeted = new ArrayList<>();
        final List<UserLock> locked = new ArrayList<>();
        final List<String> unlocked = new ArrayList<>();

        @Override
        public void userLocked(UserLock lock) {
            locked.add(lock);
        }

        @Override
        public void userUnlocked(UserLock lock, String why) {
            unlocked.add(Sources.format(lock.address()) + " " + lock.userId());
        }

        @Override
        public void sourceBlocked(BlockedSource b) {
            blocked.add(b);
        }

        @Override
        public void sourceReleased(BlockedSource b, String why) {
            released.add(Sources.format(b.address()) + " " + why);
        }

        @Override
        public void trustedSourceFailing(InetAddress source, int failures, String lastUser) {
            trusted.add(Sources.format(source) + " " + failures + " " + lastUser);
        }

        @Override
        public void userTargeted(TargetedUser user) {
            targeted.add(user);
        }
    }
}
