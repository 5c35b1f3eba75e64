package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.testing.JainSipPhone;

/**
 * Calls that leave the building, proven against a real provider: Kamailio on 127.0.0.1
 * as an ITSP (registrar with digest auth, record-routing proxy that challenges our
 * trunk's INVITEs with 407), sipp and jain-sip phones on both sides, the real daemon
 * and the real sipwitchctl. What is asserted is what the other side receives on the
 * wire and what the provider logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingIT {
    static final String SDP = "v=0\r\no=alice 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    static final String ANSWER = SDP.replace("o=alice", "o=callee").replace("40000", "40002");
    static final String PSTN_DIAL = "9" + KamailioProvider.PSTN2_USER;

    @TempDir
    static Path work;
    static KamailioProvider itsp;
    static DaemonProcess daemon;
    static JainSipPhone alice;
    static JainSipPhone carol;
    static JainSipPhone dave;
    static JainSipPhone erin;
    static JainSipPhone pstn2;
    final List<Sipp.Phone> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        KamailioProvider.assumeAvailable();
        itsp = KamailioProvider.start(work);
        Path config = new TestConfig()
                .user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .provision("<user id=\"carol\"><extension>203</extension><display>Carol</display>"
                        + "<secret>carol-secret</secret><dial>internal</dial></user>")
                .user("dave", "204", "dave-secret").user("erin", "205", "erin-secret")
                .provision("<group id=\"sales\"><extension>250</extension><member>dave</member><member>erin</member>"
                        + "<mode>all</mode></group>")
                .provision("<group id=\"support\"><extension>260</extension><member>dave</member><member>erin</member>"
                        + "<mode>sequential</mode><ring>1</ring></group>")
                .provision("<gateway id=\"itsp\"><proxy>127.0.0.1:" + itsp.port() + "</proxy><domain>"
                        + KamailioProvider.DOMAIN + "</domain><user>" + KamailioProvider.TRUNK_USER + "</user><secret>"
                        + KamailioProvider.TRUNK_SECRET + "</secret><register>10</register><assert>true</assert>"
                        + "</gateway>")
                .registry("<domain>office.test</domain>")
                .section("<templates><user><dial>external</dial></user></templates>\n"
                        + "<timers><ring>1</ring><cfna>2</cfna></timers>\n"
                        + "<routing>\n"
                        + "  <route state=\"night\"><pattern>" + KamailioProvider.TRUNK_USER + "</pattern><target>carol</target></route>\n"
                        + "  <route><pattern>" + KamailioProvider.TRUNK_USER + "</pattern><target>bob</target></route>\n"
                        + "  <route><pattern>9*</pattern><strip>1</strip><target>gateway:itsp</target></route>\n"
                        + "</routing>\n")
                .write(work);
        daemon = DaemonProcess.start(config, work);
        alice = phone("alice", "alice-secret");
        carol = phone("carol", "carol-secret");
        dave = phone("dave", "dave-secret");
        erin = phone("erin", "erin-secret");
        pstn2 = new JainSipPhone(KamailioProvider.PSTN2_USER, KamailioProvider.PSTN_SECRET, itsp.port());
        assertThat(pstn2.register().getStatusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> gatewayRow().contains(" registered"));
    }

    static JainSipPhone phone(String user, String secret) throws Exception {
        JainSipPhone p = new JainSipPhone(user, secret, daemon.port("udp"));
        assertThat(p.register().getStatusCode()).isEqualTo(200);
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        for (JainSipPhone p : new JainSipPhone[] {alice, carol, dave, erin, pstn2}) {
            if (p != null) {
                p.close();
            }
        }
        if (daemon != null) {
            daemon.close();
        }
        if (itsp != null) {
            itsp.close();
        }
    }

    @AfterEach
    void stopSipps() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
    }

    static String gatewayRow() throws Exception {
        return ctl("registry").out().lines().filter(l -> l.contains("gateway:itsp")).findFirst().orElse("");
    }

    static Tools.Result ctl(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    /** A sipp phone in the background against {@code remote} (our daemon or the provider), once it has bound its port. */
    Sipp.Phone sipp(String name, String scenario, String remote, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(remote, "-sf", Sipp.scenario(scenario).toString(), "-i",
                "127.0.0.1", "-m", "1"));
        args.addAll(List.of(extra));
        Sipp.Phone p = Sipp.Phone.start(work, name, args, 30);
        sipps.add(p);
        return p;
    }

    /** Registers the sipp PSTN phone's contact (that phone's port) with the provider. */
    static void registerAtProvider(Sipp.Phone phone) throws Exception {
        Sipp.Result r = Sipp.run(work, List.of("127.0.0.1:" + itsp.port(), "-sf", Sipp.scenario("register.xml").toString(),
                "-s", KamailioProvider.PSTN_USER, "-au", KamailioProvider.PSTN_USER, "-ap", KamailioProvider.PSTN_SECRET,
                "-i", "127.0.0.1", "-key", "contact_port", Integer.toString(phone.port()), "-m", "1"), 20);
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    static String header(RequestEvent e, String name) {
        var h = e.getRequest().getHeader(name);
        return h == null ? "" : h.toString().strip();
    }

    /** alice (jain) calls {@code target}; {@code callee} gets the INVITE, answers; alice ACKs and hangs up. */
    static RequestEvent answeredBy(String target, JainSipPhone callee) throws Exception {
        alice.call(target, SDP);
        RequestEvent invite = callee.awaitInvite();
        callee.respond(200, ANSWER);
        Response ok = alice.awaitCallResponse(200);
        alice.ack(ok);
        alice.hangUp();
        callee.awaitRequest(Request.BYE);
        return invite;
    }

    @Test
    @Order(1)
    void gatewayRegistersWithTheProviderAnsweringItsChallengeAndRefreshes() throws Exception {
        assertThat(gatewayRow()).contains("gateway").contains(KamailioProvider.TRUNK_USER + "@" + KamailioProvider.DOMAIN)
                .contains("registered");
        assertThat(itsp.count("ITSP-CHALLENGE REGISTER " + KamailioProvider.TRUNK_USER)).isPositive();
        // <register>10</register>: refreshed at half the lifetime, so a second REGISTER comes within seconds
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> itsp.count("ITSP-REGISTERED " + KamailioProvider.TRUNK_USER) >= 2);
    }

    @Test
    @Order(2)
    void providerCallsOurNumberAndTheDialPlanSendsTheDidToBob() throws Exception {
        Sipp.Phone bob = sipp("bob-did", "answer-uas.xml", "127.0.0.1:" + daemon.port("udp"), "-s", "bob");
        Sipp.registerOk(daemon, work, "bob", "bob-secret", bob.port());
        Sipp.Phone pstn = sipp("pstn-did", "pstn-call-uac.xml", "127.0.0.1:" + itsp.port(),
                "-s", KamailioProvider.TRUNK_USER);
        pstn.assertPassed();
        bob.assertPassed();
        // the PSTN phone's ACK and BYE went through the provider's proxy (its Record-Route), and on to us
        assertThat(itsp.count("ITSP-ROUTED BYE")).isPositive();
    }

    @Test
    @Order(3)
    void aliceDialsNineAndTheCallLeavesThroughTheGatewayAnsweringThe407() throws Exception {
        Sipp.Phone pstn = sipp("pstn-out", "answer-hangup-uas.xml", "127.0.0.1:" + itsp.port(),
                "-s", KamailioProvider.PSTN_USER);
        registerAtProvider(pstn);
        // alice's sipp calls from 127.0.0.1, where alice is registered (her jain-sip phone): trusted, no challenge
        Sipp.Phone a = sipp("alice-out", "call-uac-hungup.xml", "127.0.0.1:" + daemon.port("udp"),
                "-s", "9" + KamailioProvider.PSTN_USER);
        a.assertPassed();
        pstn.assertPassed();
        String log = itsp.log();
        assertThat(log).contains("ITSP-CHALLENGE INVITE " + KamailioProvider.TRUNK_USER)
                .contains("ITSP-AUTHORIZED INVITE from sip:" + KamailioProvider.TRUNK_USER + "@" + KamailioProvider.DOMAIN
                        + " to sip:" + KamailioProvider.PSTN_USER + "@" + KamailioProvider.DOMAIN);
    }

    @Test
    @Order(4)
    void theCalleeOfALocalCallSeesTheCallerAtTheSiteDomain() throws Exception {
        RequestEvent invite = answeredBy("204", dave);
        assertThat(header(invite, "From")).contains("\"alice\"").contains("<sip:201@office.test>");
        assertThat(header(invite, "To")).contains("<sip:204@office.test>");
        assertThat(header(invite, "Contact")).contains("@127.0.0.1:" + daemon.port("udp"));
        assertThat(JainSipPhone.body(invite.getRequest())).isEqualTo(SDP);
    }

    @Test
    @Order(5)
    void theProviderSeesTheGatewayCallerIdWithTheAssertedExtensionAndTheOfferIntact() throws Exception {
        alice.call(PSTN_DIAL, SDP);
        RequestEvent invite = pstn2.awaitInvite();
        assertThat(invite.getRequest().getRequestURI().toString()).contains(KamailioProvider.PSTN2_USER);
        assertThat(header(invite, "From")).contains("sip:" + KamailioProvider.TRUNK_USER + "@" + KamailioProvider.DOMAIN);
        assertThat(header(invite, "P-Asserted-Identity")).contains("sip:201@office.test");
        assertThat(JainSipPhone.body(invite.getRequest())).isEqualTo(SDP);
        pstn2.respond(200, ANSWER);
        Response ok = alice.awaitCallResponse(200);
        assertThat(JainSipPhone.body(ok)).isEqualTo(ANSWER);
        alice.ack(ok);
        pstn2.awaitRequest(Request.ACK);
        assertThat(ctl("calls").out()).contains("gateway:itsp/" + KamailioProvider.PSTN2_USER);
        pstn2.hangUp(); // the far end hangs up: the BYE crosses the provider and us to alice
        alice.awaitRequest(Request.BYE);
        assertThat(ctl("stats").out()).contains("gateway:itsp");
    }

    @Test
    @Order(6)
    void aUserWhoMayOnlyDialInsideGets403ForTheGateway() throws Exception {
        carol.call(PSTN_DIAL, SDP);
        carol.awaitCallResponse(403);
        assertThat(pstn2.receives(Request.INVITE, 300)).isFalse();
    }

    @Test
    @Order(7)
    void forwardingAllBusyNoAnswerAndDoNotDisturbToALocalUser() throws Exception {
        assertThat(ctl("forward", "dave", "all", "erin").out()).contains("dave all -> erin");
        assertThat(header(answeredBy("204", erin), "To")).contains("204@office.test");
        ctl("forward", "dave", "all", "off");

        ctl("forward", "204", "busy", "erin");
        alice.call("dave", SDP);
        dave.awaitInvite();
        dave.respond(486, null);
        erin.awaitInvite();
        erin.respond(200, ANSWER);
        finishCall(erin);
        ctl("forward", "dave", "busy", "off");

        ctl("forward", "dave", "na", "erin");
        alice.call("dave", SDP);
        dave.awaitInvite(); // rings 1 s × 2 unanswered
        erin.awaitInvite();
        dave.awaitRequest(Request.CANCEL);
        erin.respond(200, ANSWER);
        finishCall(erin);
        ctl("forward", "dave", "na", "off");

        ctl("forward", "dave", "dnd", "erin");
        alice.call("dave", SDP);
        dave.awaitInvite();
        dave.respond(603, null); // what a phone in do-not-disturb answers
        erin.awaitInvite();
        erin.respond(200, ANSWER);
        finishCall(erin);
        ctl("forward", "dave", "dnd", "off");
        assertThat(Files.readString(daemon.stateDir().resolve("forwarding.properties"))).contains("dave.dnd=off");
    }

    static void finishCall(JainSipPhone callee) throws Exception {
        Response ok = alice.awaitCallResponse(200);
        alice.ack(ok);
        alice.hangUp();
        callee.awaitRequest(Request.BYE);
    }

    @Test
    @Order(8)
    void forwardingToAnExternalNumberLeavesThroughTheGateway() throws Exception {
        ctl("forward", "dave", "busy", PSTN_DIAL);
        alice.call("dave", SDP);
        dave.awaitInvite();
        dave.respond(486, null);
        RequestEvent out = pstn2.awaitInvite();
        assertThat(header(out, "From")).contains(KamailioProvider.TRUNK_USER + "@" + KamailioProvider.DOMAIN);
        pstn2.respond(200, ANSWER);
        finishCall(pstn2);
        ctl("forward", "dave", "busy", "off");
    }

    @Test
    @Order(9)
    void aForwardingLoopEndsWith482() throws Exception {
        ctl("forward", "dave", "all", "erin");
        ctl("forward", "erin", "all", "dave");
        alice.call("dave", SDP);
        alice.awaitCallResponse(482);
        assertThat(dave.receives(Request.INVITE, 200) || erin.receives(Request.INVITE, 200)).isFalse();
        ctl("forward", "dave", "all", "off");
        ctl("forward", "erin", "all", "off");
    }

    @Test
    @Order(10)
    void aRingGroupRingsEveryMemberAtOnce() throws Exception {
        alice.call("250", SDP);
        dave.awaitInvite();
        erin.awaitInvite();
        erin.respond(200, ANSWER);
        dave.awaitRequest(Request.CANCEL); // the member who lost the race stops ringing
        finishCall(erin);
    }

    @Test
    @Order(11)
    void aSequentialRingGroupRingsOneMemberAfterTheOther() throws Exception {
        alice.call("support", SDP);
        dave.awaitInvite();
        assertThat(erin.receives(Request.INVITE, 300)).isFalse(); // only the first member rings
        dave.awaitRequest(Request.CANCEL); // after <ring>1</ring> ring of 1 s
        erin.awaitInvite();
        erin.respond(200, ANSWER);
        finishCall(erin);
    }

    @Test
    @Order(12)
    void theNightStateChangesWhereTheProvidersCallsGo() throws Exception {
        assertThat(ctl("state").out().strip()).isEqualTo("up");
        ctl("state", "night");
        assertThat(ctl("state").out().strip()).isEqualTo("night");
        pstn2.call(KamailioProvider.TRUNK_USER, SDP);
        carol.awaitInvite(); // the night rule: carol instead of bob
        carol.respond(200, ANSWER);
        Response ok = pstn2.awaitCallResponse(200);
        pstn2.ack(ok);
        carol.awaitRequest(Request.ACK);
        carol.hangUp(); // BYE from our side back through the provider
        pstn2.awaitRequest(Request.BYE);
        ctl("state", "up");
        assertThat(ctl("state").out().strip()).isEqualTo("up");
    }

    @Test
    @Order(13)
    void gatewayCredentialsNeverShowInOutputsOrTraces() throws Exception {
        ctl("trace", "on");
        alice.call(PSTN_DIAL, SDP);
        pstn2.awaitInvite();
        pstn2.respond(486, null);
        alice.awaitCallResponse(486);
        String siplog = ctl("siplog").out();
        ctl("trace", "off");
        assertThat(siplog).contains("Proxy-Authorization"); // the answer to the 407 was sent and traced ...
        List<String> outputs = new ArrayList<>(List.of(siplog, ctl("dump").out(), ctl("registry").out()));
        outputs.addAll(daemon.stdout());
        outputs.addAll(daemon.stderr());
        for (String out : outputs) {
            assertThat(out).doesNotContain(KamailioProvider.TRUNK_SECRET); // ... but never the secret
        }
    }

    @Test
    @Order(20)
    void aDeadProviderIsReportedQuicklyAndTheRegistrationRecoversWhenItReturns() throws Exception {
        itsp.stop();
        long started = System.nanoTime();
        alice.call(PSTN_DIAL, SDP);
        // 503 when the provider's 4 s of silence come first, 480 when the ring time (2 s here) does
        Response refused = alice.awaitCallResponse(r -> r.getStatusCode() >= 300);
        assertThat(refused.getStatusCode()).isIn(503, 480);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> gatewayRow().contains("failed: 408 no response"));
        itsp.startAgain();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> gatewayRow().contains(" registered") && !gatewayRow().contains("failed"));
    }

    @Test
    @Order(30)
    void forwardingSetByTheOperatorOutlivesADaemonRestart() throws Exception {
        ctl("forward", "dave", "all", "erin");
        Path config = work.resolve("sipwitch.xml");
        daemon.close();
        daemon = DaemonProcess.start(config, work); // same state directory, a new port
        try (JainSipPhone caller = phone("alice", "alice-secret"); JainSipPhone callee = phone("erin", "erin-secret")) {
            caller.call("dave", SDP);
            callee.awaitInvite(); // dave's phones do not ring: his "all" came back from the state directory
            callee.respond(200, ANSWER);
            Response ok = caller.awaitCallResponse(200);
            caller.ack(ok);
            caller.hangUp();
            callee.awaitRequest(Request.BYE);
        }
        ctl("forward", "dave", "all", "off");
    }
}
