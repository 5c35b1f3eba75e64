package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;
import static org.sipwitch.sip.security.Fixtures.policy;
import static org.sipwitch.sip.security.Fixtures.security;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.GateDecision.Outcome;
import org.sipwitch.sip.security.GateDecision.Reason;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

class AccessGateTest {

    private static final InetAddress OUTSIDER = ip("203.0.113.9");
    private static final InetAddress OFFICE = ip("192.168.1.20");
    private static final InetAddress PBX = ip("10.0.0.2");
    private static final InetAddress OFFICE_V6 = ip("2001:db8:1::20");

    private final ManualTime time = new ManualTime();
    private final AtomicLong queueDepth = new AtomicLong();

    private AccessGate gate(AccessLists policy, SecuritySettings security) {
        AuthFailureGuard guard = new AuthFailureGuard(security, policy, GuardLimits.defaults(), time);
        AccessGate gate = new AccessGate(policy, security, guard,
                new RateLimiter(security, 1_000, time), new OverloadGuard(security), true);
        gate.overload().watch(queueDepth::get, () -> 0);
        return gate;
    }

    private static AccessLists officeOnly() {
        return policy(List.of("10.0.0.0/8"), List.of("192.168.1.0/24", "2001:db8:1::/48"));
    }

    /** Wrong passwords for three names: scanner behaviour, which blocks the source. */
    private static void blockByGuessing(AccessGate gate, InetAddress source) {
        for (String user : List.of("alice", "bob", "carol")) {
            gate.authGuard().recordFailure(source, user);
        }
    }

    @Test
    void openPolicyAllowsEveryone() {
        AccessGate gate = gate(AccessLists.open(), security());
        assertThat(gate.decide(OUTSIDER, "REGISTER", false)).isEqualTo(GateDecision.ALLOW);
        assertThat(gate.decide(ip("2001:db8:ffff::1"), "INVITE", true).allowed()).isTrue();
    }

    @Test
    void restrictedListsRefuseOutsidersWith403AndAllowInsidersAndTrusted() {
        AccessGate gate = gate(officeOnly(), security());
        GateDecision outsider = gate.decide(OUTSIDER, "REGISTER", false);
        assertThat(outsider.outcome()).isEqualTo(Outcome.REJECT_403);
        assertThat(outsider.reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(gate.decide(ip("2001:db8:2::1"), "REGISTER", false).outcome()).isEqualTo(Outcome.REJECT_403);
        assertThat(gate.decide(OFFICE, "REGISTER", false).allowed()).isTrue();
        assertThat(gate.decide(OFFICE_V6, "REGISTER", false).allowed()).isTrue();
        assertThat(gate.decide(PBX, "INVITE", false).allowed()).isTrue();
    }

    @Test
    void refusalsOfAnOutsiderFloodBecomeDropsPastItsRate() {
        AccessGate gate = gate(officeOnly(), security()); // burst 20
        int refused = 0;
        int dropped = 0;
        for (int i = 0; i < 100; i++) {
            Outcome o = gate.decide(OUTSIDER, "REGISTER", false).outcome();
            refused += o == Outcome.REJECT_403 ? 1 : 0;
            dropped += o == Outcome.DROP ? 1 : 0;
        }
        assertThat(refused).isEqualTo(20);
        assertThat(dropped).isEqualTo(80);
    }

    @Test
    void blockedSourcesAreDroppedOrRefusedPerBlockAction() {
        AccessGate dropping = gate(AccessLists.open(), security(BlockAction.DROP, 10, 20));
        blockByGuessing(dropping, OUTSIDER);
        assertThat(dropping.decide(OUTSIDER, "REGISTER", false))
                .isEqualTo(new GateDecision(Outcome.DROP, Reason.BLOCKED, 0));
        assertThat(dropping.decide(OFFICE, "REGISTER", false).allowed()).isTrue();

        AccessGate rejecting = gate(AccessLists.open(), security(BlockAction.REJECT, 10, 20));
        blockByGuessing(rejecting, OUTSIDER);
        assertThat(rejecting.decide(OUTSIDER, "REGISTER", true))
                .isEqualTo(new GateDecision(Outcome.REJECT_403, Reason.BLOCKED, 0));
        assertThat(rejecting.decide(OUTSIDER, "ACK", true).outcome()).isEqualTo(Outcome.DROP);
    }

    @Test
    void overRateIsDroppedOnUdpAndAnswered503OnStreams() {
        AccessGate gate = gate(AccessLists.open(), security(BlockAction.DROP, 10, 2));
        assertThat(gate.decide(OUTSIDER, "OPTIONS", false).allowed()).isTrue();
        assertThat(gate.decide(OUTSIDER, "OPTIONS", false).allowed()).isTrue();
        assertThat(gate.decide(OUTSIDER, "OPTIONS", false))
                .isEqualTo(new GateDecision(Outcome.DROP, Reason.RATE_LIMITED, 0));
        GateDecision overTcp = gate.decide(OUTSIDER, "OPTIONS", true);
        assertThat(overTcp).isEqualTo(new GateDecision(Outcome.REJECT_503, Reason.RATE_LIMITED, 5));
        assertThat(overTcp.statusCode()).isEqualTo(503);
        time.advanceSeconds(0.1);
        assertThat(gate.decide(OUTSIDER, "OPTIONS", false).allowed()).isTrue();
    }

    @Test
    void trustedSourcesAreNotRateLimited() {
        AccessGate gate = gate(officeOnly(), security(BlockAction.DROP, 1, 1));
        for (int i = 0; i < 1000; i++) {
            assertThat(gate.decide(PBX, "INVITE", false).allowed()).isTrue();
        }
        assertThat(gate.decide(OFFICE, "INVITE", false).allowed()).isTrue();
        assertThat(gate.decide(OFFICE, "INVITE", false).allowed()).isFalse();
    }

    @Test
    void rateZeroLetsAFloodThrough() {
        AccessGate gate = gate(AccessLists.open(), security(BlockAction.DROP, 0, 1));
        for (int i = 0; i < 10_000; i++) {
            assertThat(gate.decide(OUTSIDER, "REGISTER", false).allowed()).isTrue();
        }
    }

    @Test
    void overloadSheds503ForNewWorkButLetsCallsEnd() {
        AccessGate gate = gate(AccessLists.open(), security(BlockAction.DROP, 0, 1)); // queue-limit 100
        queueDepth.set(100);
        assertThat(gate.decide(OFFICE, "INVITE", false))
                .isEqualTo(new GateDecision(Outcome.REJECT_503, Reason.OVERLOADED, 5));
        assertThat(gate.decide(OFFICE, "REGISTER", true).outcome()).isEqualTo(Outcome.REJECT_503);
        assertThat(gate.decide(OFFICE, "BYE", false).allowed()).isTrue();
        assertThat(gate.decide(OFFICE, "CANCEL", false).allowed()).isTrue();
        assertThat(gate.decide(OFFICE, "ACK", false).allowed()).isTrue();
        queueDepth.set(10);
        assertThat(gate.decide(OFFICE, "INVITE", false).allowed()).isTrue();
    }

    @Test
    void inDialogRequestsPassAnOverloadedServer() {
        AccessGate gate = gate(AccessLists.open(), security(BlockAction.DROP, 0, 1)); // queue-limit 100
        queueDepth.set(1000);
        assertThat(gate.decide(OFFICE, "INVITE", false, AccessGate.Request.IN_DIALOG).allowed()).isTrue();
        assertThat(gate.decide(OFFICE, "INFO", true, AccessGate.Request.IN_DIALOG).allowed()).isTrue();
        assertThat(gate.decide(OFFICE, "INVITE", false, AccessGate.Request.INITIAL).statusCode()).isEqualTo(503);
        // over the length limit itself, answers to challenges are shed too
        assertThat(gate.decide(OFFICE, "REGISTER", false, AccessGate.Request.CREDENTIALED).statusCode())
                .isEqualTo(503);
    }

    @Test
    void countsEveryOutcomeAndReason() {
        AccessGate gate = gate(officeOnly(), security(BlockAction.DROP, 10, 20));
        gate.decide(OFFICE, "REGISTER", false);
        gate.decide(OUTSIDER, "REGISTER", false);
        blockByGuessing(gate, OFFICE_V6);
        gate.decide(OFFICE_V6, "REGISTER", false);
        assertThat(gate.outcomeCounts()).containsEntry(Outcome.ALLOW, 1L).containsEntry(Outcome.REJECT_403, 1L)
                .containsEntry(Outcome.DROP, 1L).containsEntry(Outcome.REJECT_503, 0L);
        assertThat(gate.reasonCounts()).containsEntry(Reason.NONE, 1L).containsEntry(Reason.NOT_ALLOWED, 1L)
                .containsEntry(Reason.BLOCKED, 1L).containsEntry(Reason.RATE_LIMITED, 0L);
    }

    @Test
    void reloadAppliesTheNewPolicyAndKeepsTheBlockList() {
        AccessGate gate = gate(AccessLists.open(), security());
        blockByGuessing(gate, OUTSIDER);
        gate.reconfigure(officeOnly(), new SecuritySettings(3, 30, 60, BlockAction.REJECT, 5, 5, 100, 0, 2));
        assertThat(gate.authGuard().isBlocked(OUTSIDER)).isTrue();
        assertThat(gate.decide(OUTSIDER, "REGISTER", false).reason()).isEqualTo(Reason.BLOCKED);
        assertThat(gate.decide(OUTSIDER, "REGISTER", false).outcome()).isEqualTo(Outcome.REJECT_403);
        assertThat(gate.decide(ip("198.51.100.1"), "REGISTER", false).reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(gate.rateLimiter().burst()).isEqualTo(5);
    }

    @Test
    void policyLinesListAccessSettingsAndBlocks() {
        AccessGate gate = gate(officeOnly(), security());
        blockByGuessing(gate, OFFICE);
        for (int i = 0; i < 5; i++) {
            gate.authGuard().recordFailure(ip("192.168.1.21"), "dave"); // a phone with a wrong password
        }
        List<String> lines = gate.policyLines();
        assertThat(lines).contains("trusted 10.0.0.0/8", "restricted 192.168.1.0/24", "restricted 2001:db8:1::/48",
                "auth-guard 5 failures of a user or 3 users from a source in 60s, lock/block 600s action drop"
                        + " (trusted never blocked)",
                "rate-limit 10/s burst 20 per source (trusted exempt)", "queue-limit 100 queue-delay off retry-after 5s", "blocked 1");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("blocked 192.168.1.20 since ")
                .endsWith("failures 3 last-user carol"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("locked 192.168.1.21 user dave since "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("targeted dave since "));
    }

    @Test
    void malformedDatagramsAreAnsweredOnlyWithinRateAndNeverToBlockedOrOutsideSources() {
        AccessGate open = gate(AccessLists.open(), security()); // burst 20
        int answered = 0;
        for (int i = 0; i < 100; i++) {
            answered += open.mayAnswerMalformed(OUTSIDER) ? 1 : 0;
        }
        assertThat(answered).isEqualTo(20);
        blockByGuessing(open, OFFICE);
        assertThat(open.mayAnswerMalformed(OFFICE)).isFalse();

        AccessGate office = gate(officeOnly(), security());
        assertThat(office.mayAnswerMalformed(OUTSIDER)).isFalse();
        assertThat(office.mayAnswerMalformed(OFFICE)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(office.mayAnswerMalformed(PBX)).as("trusted: always").isTrue();
        }
    }
}
