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

    @Test
    void thresholdCrossingBlocksOnceAndTellsTheListenerOnce() {
        fail(ATTACKER, "alice", 4);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.recordFailure(ATTACKER, "alice")).isTrue();
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        fail(ATTACKER, "bob", 20); // requests already in flight keep failing
        assertThat(events.blocked).hasSize(1);
        BlockedSource b = events.blocked.get(0);
        assertThat(b.address()).isEqualTo(ATTACKER);
        assertThat(b.failures()).isEqualTo(5);
        assertThat(b.lastUser()).isEqualTo("alice");
        assertThat(b.until()).isEqualTo(b.since().plusSeconds(600));
        assertThat(guard.blocked()).singleElement().satisfies(listed -> {
            assertThat(listed.failures()).isEqualTo(25);
            assertThat(listed.lastUser()).isEqualTo("bob");
        });
        assertThat(guard.blocksTotal()).isEqualTo(1);
    }

    @Test
    void otherSourcesAndTheAttackedUserKeepWorking() {
        fail(ATTACKER, "alice", 5);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
        assertThat(guard.isBlocked(ip("203.0.113.10"))).isFalse();
        guard.recordSuccess(ALICE_PHONE, "alice");
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
    }

    @Test
    void blockLapsesAfterBlockTime() {
        fail(ATTACKER, "alice", 5);
        time.advanceSeconds(599.9);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        time.advanceSeconds(0.1);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.blocked()).isEmpty();
        // and it starts counting afresh: a second episode is a second block, a second event
        fail(ATTACKER, "alice", 4);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        fail(ATTACKER, "alice", 1);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(events.blocked).hasSize(2);
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotBlock() {
        for (int i = 0; i < 50; i++) {
            guard.recordFailure(ATTACKER, "alice");
            time.advanceSeconds(20); // 3 per minute, threshold 5 per minute
        }
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
    }

    @Test
    void slidingWindowCatchesABurstAcrossAWindowBoundary() {
        guard.recordFailure(ATTACKER, "alice"); // opens the first fixed window
        time.advanceSeconds(55);
        fail(ATTACKER, "alice", 3);
        time.advanceSeconds(6); // into the second fixed window
        fail(ATTACKER, "alice", 2);
        // 5 within the last 6 seconds: a fixed window would see only the last 2
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
    }

    @Test
    void operatorReleaseUnblocksAndTellsTheListener() {
        fail(ATTACKER, "alice", 5);
        assertThat(guard.release("203.0.113.9")).isTrue();
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(guard.release("203.0.113.9")).isFalse();
        assertThat(guard.release("192.0.2.1")).isFalse();
        assertThat(events.released).containsExactly("203.0.113.9 released by operator");
        assertThatThrownBy(() -> guard.release("not-an-ip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-an-ip");
        // released with a clean slate: one more failure does not block again
        guard.recordFailure(ATTACKER, "alice");
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
    }

    @Test
    void releaseAllLiftsEveryBlock() {
        fail(ATTACKER, "a", 5);
        fail(ALICE_PHONE, "b", 5);
        assertThat(guard.releaseAll()).isEqualTo(2);
        assertThat(guard.blocked()).isEmpty();
    }

    @Test
    void successForgivesOnlyFailuresForThatSameUser() {
        fail(ALICE_PHONE, "alice", 4); // old password on the phone
        guard.recordSuccess(ALICE_PHONE, "alice"); // fixed
        fail(ALICE_PHONE, "alice", 4);
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();

        // a guesser with one valid account cannot reset its count with it
        fail(ATTACKER, "alice", 2);
        fail(ATTACKER, "carol", 2);
        guard.recordSuccess(ATTACKER, "mallory");
        guard.recordSuccess(ATTACKER, "alice");
        guard.recordFailure(ATTACKER, "alice");
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
    }

    @Test
    void userAttackedFromManySourcesIsReportedOnceButNothingIsBlocked() {
        for (int i = 0; i < 40; i++) {
            guard.recordFailure(ipv4(i), "alice"); // one failure per botnet host
        }
        assertThat(guard.blocked()).isEmpty();
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
        guard.recordSuccess(ALICE_PHONE, "alice");
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
        // the listing forgets it once the attack stops for long enough
        time.advanceSeconds(601);
        assertThat(guard.targetedUsers()).isEmpty();
    }

    @Test
    void trustedSourcesAreCountedButNeverBlockedByDefault() {
        guard = newGuard(policy(List.of("10.0.0.0/8"), List.of()), GuardLimits.defaults());
        InetAddress pbx = ip("10.1.2.3");
        fail(pbx, "trunk", 12);
        assertThat(guard.isBlocked(pbx)).isFalse();
        assertThat(events.blocked).isEmpty();
        assertThat(events.trusted).containsExactly("10.1.2.3 5 trunk", "10.1.2.3 5 trunk");
    }

    @Test
    void trustedSourcesCanBeMadeBlockable() {
        guard = newGuard(policy(List.of("10.0.0.0/8"), List.of()), GuardLimits.defaults().withExemptTrusted(false));
        fail(ip("10.1.2.3"), "trunk", 5);
        assertThat(guard.isBlocked(ip("10.1.2.3"))).isTrue();
    }

    @Test
    void reloadKeepsBlocksAndReleasesSourcesThatBecameTrusted() {
        fail(ATTACKER, "alice", 5);
        fail(ALICE_PHONE, "alice", 5);
        guard.reconfigure(new SecuritySettings(3, 30, 60, BlockAction.REJECT, 0, 1, 10, 0, 1),
                policy(List.of("198.51.100.0/24"), List.of()));
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(guard.isBlocked(ALICE_PHONE)).isFalse();
        assertThat(events.released).containsExactly("198.51.100.7 trusted after reload");
        // the block keeps the end time it was given (600 s), not the new block-time
        time.advanceSeconds(120);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        // the new threshold applies to new counting
        fail(ip("192.0.2.1"), "x", 3);
        assertThat(guard.isBlocked(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void blockTimeZeroNeverBlocksButStillReportsUsers() {
        guard.reconfigure(new SecuritySettings(5, 60, 0, BlockAction.DROP, 10, 20, 100, 0, 5), AccessLists.open());
        fail(ATTACKER, "alice", 50);
        assertThat(guard.isBlocked(ATTACKER)).isFalse();
        assertThat(events.targeted).hasSize(1);
    }

    @Test
    void ipv6AndIpv4MappedSources() throws UnknownHostException {
        InetAddress v6 = ip("2001:db8::66");
        fail(v6, "alice", 5);
        assertThat(guard.isBlocked(v6)).isTrue();
        assertThat(guard.isBlocked(ip("2001:db8::67"))).isFalse();
        assertThat(guard.release("2001:db8:0:0::66")).isTrue();

        // a dual-stack socket may report ::ffff:a.b.c.d: the same host as a.b.c.d
        InetAddress mapped = Inet6Address.getByAddress(null, mappedBytes(203, 0, 113, 9), null);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        fail(mapped, "alice", 3);
        fail(ATTACKER, "alice", 2);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(guard.isBlocked(mapped)).isTrue();
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
        fail(ATTACKER, "x\r\nINFO fake log line\u001b[31m" + "y".repeat(200), 5);
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

        for (int i = 0; i < 100_000; i++) {
            fail(ipv4(i), "u", 5); // each blocks: the block table is capped too
        }
        assertThat(guard.blockedCount()).isLessThanOrEqualTo(500);
        assertThat(guard.isBlocked(ipv4(99_999))).isTrue(); // the newest block always stays
    }

    @Test
    void aThrowingListenerDoesNotBreakTheGuard() {
        guard.addListener(new AuthGuardListener() {
            @Override
            public void sourceBlocked(BlockedSource blocked) {
                throw new IllegalStateException("boom");
            }
        });
        fail(ATTACKER, "alice", 5);
        assertThat(guard.isBlocked(ATTACKER)).isTrue();
        assertThat(events.blocked).hasSize(1);
    }

    static final class RecordingListener implements AuthGuardListener {
        final List<BlockedSource> blocked = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        final List<String> trusted = new ArrayList<>();
        final List<TargetedUser> targeted = new ArrayList<>();

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
