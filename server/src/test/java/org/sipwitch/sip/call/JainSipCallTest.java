package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.it.TestConfig;
import org.sipwitch.sip.server.SipServer;
import org.sipwitch.testing.JainSipPhone;

/**
 * Calls between real, independent SIP phones (jain-sip-ri) through the real server
 * stack (Netty transports, codec, transactions, router, registrar, call engine) on
 * loopback sockets, in process. Loopback is trusted in the test config, so phones
 * that registered call without a challenge.
 */
class JainSipCallTest {
    static final String SDP_A = "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=call\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    static final String SDP_B = "v=0\r\no=bob 9 9 IN IP4 127.0.0.1\r\ns=answer\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 50000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";

    @TempDir
    Path work;
    SipServer server;
    final List<JainSipPhone> phones = new ArrayList<>();
    JainSipPhone alice;
    JainSipPhone bob;

    @BeforeEach
    void start() throws Exception {
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret")
                .section("<timers><ring>1</ring><cfna>2</cfna></timers>\n").write(work);
        server = new SipServer(new LiveConfig(config));
        server.start();
        alice = phone("alice", "alice-secret");
        bob = phone("bob", "bob-secret");
    }

    JainSipPhone phone(String user, String password) throws Exception {
        JainSipPhone p = new JainSipPhone(user, password, server.transports().port());
        phones.add(p);
        assertThat(p.register().getStatusCode()).isEqualTo(200);
        return p;
    }

    @AfterEach
    void stop() throws InterruptedException {
        // a jain-sip stack takes a second to stop: stop them side by side
        List<Thread> stopping = new ArrayList<>();
        for (JainSipPhone p : phones) {
            Thread t = new Thread(p::close, "stop-" + p.user);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
        if (server != null) {
            server.close();
        }
    }

    /** alice calls, bob answers; returns alice's 200. */
    Response connect(String target) throws Exception {
        alice.call(target, SDP_A);
        RequestEvent invite = bob.awaitInvite();
        assertThat(JainSipPhone.body(invite.getRequest())).isEqualTo(SDP_A);
        assertThat(JainSipPhone.contentType(invite.getRequest())).isEqualTo("application/sdp");
        bob.respond(180, null);
        alice.awaitCallResponse(180);
        bob.respond(200, SDP_B);
        Response ok = alice.awaitCallResponse(200);
        assertThat(JainSipPhone.body(ok)).isEqualTo(SDP_B);
        alice.ack(ok);
        bob.awaitRequest(Request.ACK);
        return ok;
    }

    @Test
    void callByExtensionCalleeHangsUp() throws Exception {
        connect("202");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().status().startsWith("j"));
        bob.hangUp();
        alice.awaitRequest(Request.BYE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);
    }

    @Test
    void callByUserIdCallerHangsUp() throws Exception {
        connect("bob");
        alice.hangUp();
        bob.awaitRequest(Request.BYE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);
        EntityTotals a = server.calls().statistics().stats("alice");
        EntityTotals b = server.calls().statistics().stats("bob");
        EntityTotals sys = server.calls().statistics().stats("system");
        assertThat(a.outTotal()).isEqualTo(1);
        assertThat(a.current()).isZero();
        assertThat(a.peak()).isEqualTo(1);
        assertThat(b.inTotal()).isEqualTo(1);
        assertThat(sys.inTotal()).isEqualTo(1);
        assertThat(sys.peak()).isEqualTo(1);
    }

    @Test
    void forkingOneAnswersTheOtherIsCancelled() throws Exception {
        JainSipPhone bob2 = phone("bob", "bob-secret");
        alice.call("202", SDP_A);
        bob.awaitInvite();
        bob2.awaitInvite();
        bob.respond(180, null);
        bob2.respond(180, null);
        bob2.respond(200, SDP_B);
        Response ok = alice.awaitCallResponse(200);
        alice.ack(ok);
        bob.awaitRequest(Request.CANCEL);
        bob2.awaitRequest(Request.ACK);
        alice.hangUp();
        bob2.awaitRequest(Request.BYE);
    }

    @Test
    void busyEverywhereIs486() throws Exception {
        JainSipPhone bob2 = phone("bob", "bob-secret");
        alice.call("bob", SDP_A);
        bob.awaitInvite();
        bob2.awaitInvite();
        bob.respond(486, null);
        bob2.respond(486, null);
        alice.awaitCallResponse(486);
    }

    @Test
    void noAnswerTimesOutAfterRingTimesCfna() throws Exception {
        long t0 = System.nanoTime();
        alice.call("202", SDP_A);
        bob.awaitInvite();
        bob.respond(180, null);
        alice.awaitCallResponse(480);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        bob.awaitRequest(Request.CANCEL);
    }

    @Test
    void callerCancelIs487AndEveryLegIsCancelled() throws Exception {
        JainSipPhone bob2 = phone("bob", "bob-secret");
        alice.call("202", SDP_A);
        bob.awaitInvite();
        bob2.awaitInvite();
        bob.respond(180, null);
        bob2.respond(180, null);
        alice.awaitCallResponse(180);
        alice.cancel();
        alice.awaitCallResponse(487);
        bob.awaitRequest(Request.CANCEL);
        bob2.awaitRequest(Request.CANCEL);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);
    }

    @Test
    void messageIsDeliveredWithItsBodyAndUnregisteredIs480() throws Exception {
        assertThat(alice.sendMessage("202", "hello bob").getStatusCode()).isEqualTo(200);
        RequestEvent m = bob.awaitRequest(Request.MESSAGE);
        assertThat(JainSipPhone.body(m.getRequest())).isEqualTo("hello bob");
        assertThat(alice.sendMessage("carol", "anyone?").getStatusCode()).isEqualTo(480);
        assertThat(server.calls().sendMessage("bob", "from the server")).isEqualTo(1);
        RequestEvent s = bob.awaitRequest(Request.MESSAGE);
        assertThat(JainSipPhone.body(s.getRequest())).isEqualTo("from the server");
        assertThat(s.getRequest().getHeader("From").toString()).contains("system");
    }

    @Test
    void holdByReInviteAndDtmfByInfoAreRelayed() throws Exception {
        connect("202");
        String hold = SDP_A.replace("a=sendrecv", "a=sendonly");
        CompletableFuture<Response> reinvite = CompletableFuture.supplyAsync(() -> {
            try {
                return alice.inDialog(Request.INVITE, "application/sdp", hold);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RequestEvent held = bob.awaitInvite();
        assertThat(JainSipPhone.body(held.getRequest())).isEqualTo(hold);
        bob.respond(200, SDP_B.replace("a=sendrecv", "a=recvonly"));
        Response ok = reinvite.get(10, TimeUnit.SECONDS);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(JainSipPhone.body(ok)).contains("a=recvonly");
        alice.ack(ok);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().status().startsWith("h"));

        Response info = alice.inDialog(Request.INFO, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        assertThat(info.getStatusCode()).isEqualTo(200);
        assertThat(JainSipPhone.body(bob.awaitRequest(Request.INFO).getRequest())).startsWith("Signal=5");
        bob.hangUp();
        alice.awaitRequest(Request.BYE);
    }

    @Test
    void unregisteredCallerAnswersTheDigestChallenge() throws Exception {
        JainSipPhone carol = new JainSipPhone("carol", "carol-secret", server.transports().port());
        phones.add(carol); // not registered: loopback is trusted, but only for registered users
        carol.callWithChallenge("202", SDP_A);
        RequestEvent invite = bob.awaitInvite();
        assertThat(JainSipPhone.body(invite.getRequest())).isEqualTo(SDP_A);
        assertThat(invite.getRequest().getHeader("From").toString()).contains("203");
        bob.respond(200, SDP_B);
        Response ok = carol.awaitCallResponse(200);
        carol.ack(ok);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().status().contains("j"));
        assertThat(server.calls().calls().get(0).source()).isEqualTo("carol");
    }

    @Test
    void calleePutsTheCallerOnHold() throws Exception {
        connect("202");
        String hold = SDP_B.replace("a=sendrecv", "a=inactive");
        CompletableFuture<Response> reinvite = CompletableFuture.supplyAsync(() -> {
            try {
                return bob.inDialog(Request.INVITE, "application/sdp", hold);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RequestEvent held = alice.awaitInvite();
        assertThat(JainSipPhone.body(held.getRequest())).isEqualTo(hold);
        alice.respond(200, SDP_A.replace("a=sendrecv", "a=inactive"));
        Response ok = reinvite.get(10, TimeUnit.SECONDS);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        bob.ack(ok);
        alice.awaitRequest(Request.ACK);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().status().startsWith("h"));
        alice.hangUp();
        bob.awaitRequest(Request.BYE);
    }

    @Test
    void callOverTcp() throws Exception {
        JainSipPhone carolTcp = new JainSipPhone("carol", "carol-secret", "tcp", server.transports().port());
        phones.add(carolTcp);
        assertThat(carolTcp.register().getStatusCode()).isEqualTo(200);
        JainSipPhone bobTcp = new JainSipPhone("bob", "bob-secret", "tcp", server.transports().port());
        phones.add(bobTcp);
        assertThat(bobTcp.register().getStatusCode()).isEqualTo(200);
        carolTcp.call("bob", SDP_A);
        bob.awaitInvite();
        RequestEvent invite = bobTcp.awaitInvite();
        assertThat(JainSipPhone.body(invite.getRequest())).isEqualTo(SDP_A);
        assertThat(invite.getRequest().getHeader("Via").toString()).containsIgnoringCase("TCP");
        bobTcp.respond(200, SDP_B);
        Response ok = carolTcp.awaitCallResponse(200);
        carolTcp.ack(ok);
        bob.awaitRequest(Request.CANCEL);
        bobTcp.hangUp();
        carolTcp.awaitRequest(Request.BYE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);
    }

    @Test
    void dropByCallIdAndByUserByesBothPhones() throws Exception {
        connect("202");
        String id = server.calls().calls().get(0).id();
        assertThat(server.calls().drop(id)).isEqualTo(1);
        alice.awaitRequest(Request.BYE);
        bob.awaitRequest(Request.BYE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);

        connect("bob");
        assertThat(server.calls().drop("alice")).isEqualTo(1);
        alice.awaitRequest(Request.BYE);
        bob.awaitRequest(Request.BYE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls().table().active() == 0);
    }
}
