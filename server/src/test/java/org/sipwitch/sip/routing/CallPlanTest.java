package org.sipwitch.sip.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.UserIdentity;

/** The dial plan and one call's walk through it, without any network: rules, rights, forwarding, groups, states. */
class CallPlanTest {
    final InMemoryLocationService location = new InMemoryLocationService(Clock.systemUTC(), 5);
    final Map<String, UserPolicy> users = new HashMap<>();
    final Map<String, Forwards> forwards = new HashMap<>();
    final Gateway itsp = new Gateway("itsp", peer(5070), "itsp.test", "15551230000", "15550000000", true, "reception",
            0, new DigestAnswer("15551230000", (realm, alg) -> Optional.empty()));
    final List<Rule> rules = List.of(
            new Rule("15551230000", 0, "", "carol", "night"),
            new Rule("15551230000", 0, "", "bob", null),
            new Rule("900", 0, "", "reject:403", null), // before 9*: the first match wins
            new Rule("9*", 1, "", "gateway:itsp", null),
            new Rule("0xx", 1, "44", "gateway:itsp", null),
            new Rule("2*", 0, "", "reject:410", null));

    static Peer peer(int port) {
        return new Peer(Transport.UDP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    CallPlanTest() {
        user("alice", "201", true);
        user("bob", "202", true);
        user("carol", "203", false);
        user("reception", "209", false);
        for (String u : List.of("alice", "bob", "carol", "reception")) {
            location.put(Binding.fixed(u, null, "sip:" + u + "@127.0.0.1:6000", peer(6000), 0));
        }
    }

    void user(String id, String ext, boolean external) {
        UserPolicy p = new UserPolicy(new UserIdentity(id, ext, id.toUpperCase()), external, Forwards.NONE);
        users.put(id, p);
        users.put(ext, p);
    }

    void forward(String user, Forwards.Kind kind, String target) {
        EnumMap<Forwards.Kind, String> m = new EnumMap<>(Forwards.Kind.class);
        m.putAll(forwards.getOrDefault(user, Forwards.NONE).targets());
        m.put(kind, target);
        forwards.put(user, new Forwards(m));
    }

    RoutingSettings settings(Map<String, Group> groups) {
        return new RoutingSettings("office.test", rules, n -> n.matches("2[0-9][0-9]"),
                name -> Optional.ofNullable(users.get(name)).map(u -> new UserPolicy(u.identity(), u.mayDialOut(),
                        forwards.getOrDefault(u.identity().id(), Forwards.NONE))),
                groups, new GatewayDirectory(List.of(itsp)), 8_000);
    }

    CallPlan plan(String caller, String state) {
        return plan(caller, state, Map.of());
    }

    CallPlan plan(String caller, String state, Map<String, Group> groups) {
        return new CallPlan(new DialPlan(settings(groups), state), location, CallPlan.Caller.user(users.get(caller)));
    }

    @Test
    void nineStripsTheDigitAndGoesToTheGatewayWithItsCallerIdAndTheAssertedExtension() {
        CallPlan.Step s = plan("alice", "up").first("915557654321");
        CallPlan.Branch b = s.attempt().branches().get(0);
        assertThat(b.gateway()).isSameAs(itsp);
        assertThat(b.uri().toString()).isEqualTo("sip:15557654321@itsp.test");
        assertThat(b.peer()).isEqualTo(peer(5070));
        assertThat(s.attempt().from().uri().toString()).isEqualTo("sip:15550000000@itsp.test");
        assertThat(s.attempt().asserted()).isEqualTo("<sip:201@office.test>");
        assertThat(s.attempt().label()).isEqualTo("gateway:itsp/15557654321");
        assertThat(s.attempt().callee().id()).isEqualTo("gateway:itsp");
    }

    @Test
    void wildcardsStripAndPrefixRewrite() {
        assertThat(plan("alice", "up").first("012").attempt().branches().get(0).uri().user()).isEqualTo("4412");
        assertThat(plan("alice", "up").first("0123").refusal()).isEqualTo(404); // 0xx is exactly three digits
        assertThat(plan("alice", "up").first("0a2").refusal()).isEqualTo(404); // x is a digit
        assertThat(plan("alice", "up").first("900").refusal()).isEqualTo(403);
    }

    @Test
    void extensionsAreNeverReRouted() {
        // "2*" would reject, but 202 is inside the registry range
        CallPlan.Step s = plan("alice", "up").first("202");
        assertThat(s.attempt().callee().id()).isEqualTo("bob");
        assertThat(s.attempt().from().toString()).isEqualTo("\"ALICE\" <sip:201@office.test>");
        assertThat(s.attempt().to().toString()).isEqualTo("\"BOB\" <sip:202@office.test>"); // the callee's name too
        assertThat(plan("alice", "up").first("2999").refusal()).isEqualTo(410);
    }

    @Test
    void aUserWithoutTheRightToDialOutGets403() {
        assertThat(plan("carol", "up").first("915557654321").refusal()).isEqualTo(403);
    }

    @Test
    void stateRulesApplyOnlyInTheirStateAndClosedRefusesWhatNoRuleRoutes() {
        assertThat(plan("alice", "up").first("15551230000").attempt().callee().id()).isEqualTo("bob");
        assertThat(plan("alice", "night").first("15551230000").attempt().callee().id()).isEqualTo("carol");
        assertThat(plan("alice", "closed").first("202").refusal()).isEqualTo(480);
        assertThat(plan("alice", "closed").first("15551230000").attempt().callee().id()).isEqualTo("bob");
    }

    @Test
    void callsFromTheGatewayMayNotLeaveAgainAndUnmatchedNumbersGoToIncoming() {
        CallPlan p = new CallPlan(new DialPlan(settings(Map.of()), "up"), location,
                CallPlan.Caller.fromGateway(itsp, "15557654321", "PSTN"));
        assertThat(p.first("915551112222").refusal()).isEqualTo(403);
        CallPlan q = new CallPlan(new DialPlan(settings(Map.of()), "up"), location,
                CallPlan.Caller.fromGateway(itsp, "15557654321", "PSTN"));
        CallPlan.Step s = q.first("15559990000");
        assertThat(s.attempt().callee().id()).isEqualTo("reception");
        assertThat(s.attempt().from().toString()).isEqualTo("\"PSTN\" <sip:15557654321@office.test>");
    }

    @Test
    void forwardingFollowsBusyNoAnswerAndDndAndEndsLoopsWith482() {
        forward("bob", Forwards.Kind.BUSY, "carol");
        forward("bob", Forwards.Kind.NA, "915557654321");
        CallPlan p = plan("alice", "up");
        assertThat(p.first("bob").attempt().callee().id()).isEqualTo("bob");
        assertThat(p.next(CallPlan.Failure.BUSY, 486).attempt().callee().id()).isEqualTo("carol");
        assertThat(p.next(CallPlan.Failure.BUSY, 486).refusal()).isEqualTo(486); // carol has no forwarding

        CallPlan na = plan("carol", "up"); // carol may not dial out, bob's forwarding may
        na.first("202");
        assertThat(na.next(CallPlan.Failure.NO_ANSWER, 480).attempt().label()).isEqualTo("gateway:itsp/15557654321");

        forward("bob", Forwards.Kind.DND, "alice");
        CallPlan dnd = plan("carol", "up");
        dnd.first("bob");
        assertThat(dnd.next(CallPlan.Failure.DND, 603).attempt().callee().id()).isEqualTo("alice");

        forward("alice", Forwards.Kind.ALL, "bob");
        forward("bob", Forwards.Kind.ALL, "alice");
        assertThat(plan("carol", "up").first("alice").refusal()).isEqualTo(482);
    }

    @Test
    void aNotRegisteredUserCountsAsNoAnswer() {
        user("dave", "204", false);
        forward("dave", Forwards.Kind.NA, "bob");
        assertThat(plan("alice", "up").first("dave").attempt().callee().id()).isEqualTo("bob");
        forwards.clear();
        assertThat(plan("alice", "up").first("dave").refusal()).isEqualTo(480);
    }

    @Test
    void ringGroupsRingAllAtOnceOrOneAfterTheOther() {
        Group all = new Group("sales", "250", List.of("bob", "carol"), false, 0, null);
        Group seq = new Group("support", "260", List.of("bob", "dave", "carol"), true, 2_000, "reception");
        user("dave", "204", false); // not registered: skipped
        Map<String, Group> groups = Map.of("sales", all, "250", all, "support", seq, "260", seq);
        CallPlan.Step s = plan("alice", "up", groups).first("250");
        assertThat(s.attempt().branches()).hasSize(2);
        assertThat(s.attempt().callee().id()).isEqualTo("sales");

        CallPlan p = plan("alice", "up", groups);
        CallPlan.Step first = p.first("support");
        assertThat(first.attempt().branches().get(0).binding().userId()).isEqualTo("bob");
        assertThat(first.attempt().ringMillis()).isEqualTo(2_000);
        assertThat(p.next(CallPlan.Failure.NO_ANSWER, 480).attempt().branches().get(0).binding().userId())
                .isEqualTo("carol");
        assertThat(p.next(CallPlan.Failure.NO_ANSWER, 480).attempt().callee().id()).isEqualTo("reception");
        assertThat(p.next(CallPlan.Failure.NO_ANSWER, 480).refusal()).isEqualTo(480);
    }
}
