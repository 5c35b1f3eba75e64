package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.testing.JainSipPhone;

/**
 * Hold and resume on a call out through a provider that challenges every in-dialog
 * INVITE of our trunk (Kamailio with {@link KamailioProvider#startChallengingReInvites}):
 * the server answers the 407 with the gateway's credentials, so the phone gets its
 * 200 OK, not the provider's challenge, and the far end gets the re-INVITE that was
 * authorized, and then the ACK of its 2xx. The real daemon, jain-sip phones on both sides.
 */
class GatewayReInviteIT {
    @TempDir
    static Path work;
    static KamailioProvider itsp;
    static DaemonProcess daemon;
    static JainSipPhone alice;
    static JainSipPhone pstn;

    @BeforeAll
    static void start() throws Exception {
        KamailioProvider.assumeAvailable();
        itsp = KamailioProvider.startChallengingReInvites(work);
        Path config = new TestConfig().user("alice", "201", "alice-secret")
                .provision("<gateway id=\"itsp\"><proxy>127.0.0.1:" + itsp.port() + "</proxy><domain>"
                        + KamailioProvider.DOMAIN + "</domain><user>" + KamailioProvider.TRUNK_USER + "</user><secret>"
                        + KamailioProvider.TRUNK_SECRET + "</secret></gateway>")
                .section("<templates><user><dial>external</dial></user></templates>\n"
                        + "<routing><route><pattern>9*</pattern><strip>1</strip><target>gateway:itsp</target></route>"
                        + "</routing>\n")
                .write(work);
        daemon = DaemonProcess.start(config, work);
        alice = new JainSipPhone("alice", "alice-secret", daemon.port("udp"));
        assertThat(alice.register().getStatusCode()).isEqualTo(200);
        pstn = new JainSipPhone(KamailioProvider.PSTN2_USER, KamailioProvider.PSTN_SECRET, itsp.port());
        assertThat(pstn.register().getStatusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {alice, pstn, daemon, itsp}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void holdAndResumeThroughAProviderThatChallengesEveryReInvite() throws Exception {
        alice.call(GatewayRoutingIT.PSTN_DIAL, GatewayRoutingIT.SDP);
        pstn.awaitInvite();
        pstn.respond(200, GatewayRoutingIT.ANSWER);
        Response answered = alice.awaitCallResponse(200);
        alice.ack(answered);
        pstn.awaitRequest(Request.ACK);

        reInvite(GatewayRoutingIT.SDP.replace("a=rtpmap", "a=sendonly\r\na=rtpmap"), "a=recvonly", 1);
        reInvite(GatewayRoutingIT.SDP, "a=sendrecv", 2); // resume: a second challenge, answered the same way

        alice.hangUp();
        pstn.awaitRequest(Request.BYE);
    }

    /** Alice sends {@code offer}; the provider challenges it; the far end answers; everyone is ACKed. */
    private static void reInvite(String offer, String direction, int nth) throws Exception {
        CompletableFuture<Response> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return alice.inDialog(Request.INVITE, "application/sdp", offer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(pstn.receives(Request.INVITE, 10_000))
                .as("the far end got no re-INVITE; alice got %s; provider: %s", sent.getNow(null),
                        itsp.log().lines().filter(l -> l.contains("ITSP-")).toList())
                .isTrue();
        RequestEvent held = pstn.awaitInvite();
        assertThat(JainSipPhone.body(held.getRequest())).isEqualTo(offer);
        // the provider let through the re-INVITE that answered its challenge, with the credentials left in
        assertThat(GatewayRoutingIT.header(held, "Proxy-Authorization")).contains("Digest")
                .contains("username=\"" + KamailioProvider.TRUNK_USER + "\"");
        assertThat(itsp.count("ITSP-CHALLENGE REINVITE " + KamailioProvider.TRUNK_USER)).isEqualTo(nth);
        assertThat(itsp.count("ITSP-AUTHORIZED REINVITE")).isEqualTo(nth);
        pstn.respond(200, GatewayRoutingIT.ANSWER.replace("a=rtpmap", direction + "\r\na=rtpmap"));

        Response ok = sent.get(15, TimeUnit.SECONDS);
        assertThat(ok.getStatusCode()).as("alice's re-INVITE: %s", ok).isEqualTo(200);
        assertThat(JainSipPhone.body(ok)).contains(direction);
        alice.ack(ok);
        // the ACK of the far end's 2xx has the CSeq of the re-INVITE it answered, not of the challenged one
        RequestEvent ack = pstn.awaitRequest(Request.ACK);
        assertThat(seq(ack.getRequest())).isEqualTo(seq(held.getRequest()));
    }

    private static long seq(Request r) {
        return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
