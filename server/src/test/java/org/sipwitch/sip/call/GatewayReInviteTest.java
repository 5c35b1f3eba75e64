package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.SDP_A;
import static org.sipwitch.sip.call.CallFixture.SDP_B;
import static org.sipwitch.sip.call.CallFixture.body;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.routing.Forwards;
import org.sipwitch.sip.routing.RoutingSettings;
import org.sipwitch.sip.routing.Rule;
import org.sipwitch.sip.routing.UserPolicy;

/**
 * A re-INVITE (hold) on a call out through a provider that challenges it: answered once
 * with the gateway's credentials as the next request of the dialog; the 2xx is ACKed
 * with the retried request's CSeq, a CANCEL from the phone reaches the retried request,
 * and the phone never sees the provider's 407.
 */
class GatewayReInviteTest {
    static final Peer PROVIDER = new Peer(Transport.UDP, new InetSocketAddress("203.0.113.5", 5060));
    static final String TRUNK = "15551230000";
    static final String CHALLENGE = "Digest realm=\"itsp.test\", nonce=\"n0nce\", qop=\"auth\"";

    CallFixture f;
    SipRequest invite;
    SipResponse aliceOk;
    SipRequest hold;

    @BeforeEach
    void callOutAnswered() throws Exception {
        Gateway itsp = new Gateway("itsp", PROVIDER, "itsp.test", TRUNK, null, false, null, 0, new DigestAnswer(TRUNK,
                (realm, alg) -> Optional.of(alg.ha1(TRUNK, realm, "trunk-secret".toCharArray()))));
        UserPolicy alice = new UserPolicy(new UserIdentity("alice", "201", "alice"), true, Forwards.NONE);
        f = new CallFixture(8, new RoutingSettings("example.net", List.of(new Rule("9*", 1, "", "gateway:itsp", null)),
                n -> false, name -> name.equals("alice") ? Optional.of(alice) : Optional.empty(), Map.of(),
                new GatewayDirectory(List.of(itsp)), 8_000));
        f.register("alice", "201", ALICE);
        invite = f.invite("sip:915557654321@example.net", "c1", SDP_A);
        f.receive(ALICE, invite);
        SipRequest out = f.request(PROVIDER, "INVITE");
        f.receive(PROVIDER, f.answer(out, 200, "p1", SDP_B));
        aliceOk = f.response(ALICE, 200, "INVITE");
        f.receive(ALICE, f.ackFor(invite, aliceOk));
        hold = f.inDialog("INVITE", ALICE, invite, aliceOk, 2);
        hold.setBody(SDP_A.replace("a=sendrecv", "a=sendonly").getBytes(), "application/sdp");
        f.sent.clear();
    }

    /** Alice's hold goes out, the provider challenges it: returns the retried re-INVITE. */
    SipRequest holdChallenged() throws Exception {
        f.receive(ALICE, hold);
        SipRequest first = f.request(PROVIDER, "INVITE");
        SipResponse challenge = f.answer(first, 407, null, null);
        challenge.addHeader(HeaderNames.PROXY_AUTHENTICATE, CHALLENGE);
        f.receive(PROVIDER, challenge);
        assertThat(f.requests(PROVIDER, "ACK")).hasSize(1); // the transaction layer's ACK of the 407
        SipRequest retried = f.request(PROVIDER, "INVITE");
        assertThat(retried).isNotSameAs(first);
        assertThat(retried.cseq().sequence()).isEqualTo(first.cseq().sequence() + 1);
        assertThat(retried.header(HeaderNames.PROXY_AUTHORIZATION)).contains("username=\"" + TRUNK + "\"");
        assertThat(body(retried)).isEqualTo(body(hold));
        assertThat(f.responses(ALICE, r -> r.status() >= 400)).isEmpty();
        return retried;
    }

    @Test
    void theChallengedHoldIsSentAgainWithCredentialsAndItsTwoHundredAckedWithItsOwnCseq() throws Exception {
        SipRequest retried = holdChallenged();
        SipResponse ok = f.answer(retried, 200, null, SDP_B.replace("a=sendrecv", "a=recvonly"));
        f.receive(PROVIDER, ok);
        assertThat(f.requests(PROVIDER, "ACK")).hasSize(2).last()
                .satisfies(ack -> assertThat(ack.cseq().sequence()).isEqualTo(retried.cseq().sequence()));
        assertThat(body(f.response(ALICE, 200, "INVITE"))).contains("a=recvonly");
        f.receive(PROVIDER, ok); // retransmitted: the same ACK again
        assertThat(f.requests(PROVIDER, "ACK")).hasSize(3).last()
                .satisfies(ack -> assertThat(ack.cseq().sequence()).isEqualTo(retried.cseq().sequence()));
        f.receive(ALICE, f.inDialog("ACK", ALICE, invite, aliceOk, 2));
        assertThat(f.engine.calls().get(0).state()).isEqualTo("holding");
    }

    @Test
    void aCancelAfterTheChallengeCancelsTheRetriedReInvite() throws Exception {
        SipRequest retried = holdChallenged();
        f.receive(PROVIDER, f.answer(retried, 180, null, null));
        f.receive(ALICE, cancelOf(hold));
        f.response(ALICE, 200, "CANCEL");
        SipRequest cancel = f.request(PROVIDER, "CANCEL");
        assertThat(cancel.cseq().sequence()).isEqualTo(retried.cseq().sequence());
        assertThat(cancel.header(HeaderNames.VIA)).isEqualTo(retried.header(HeaderNames.VIA));
        f.receive(PROVIDER, f.answer(retried, 487, null, null));
        f.response(ALICE, 487, "INVITE");
        assertThat(f.engine.status()).startsWith("j"); // the call goes on, not held
    }

    @Test
    void aChallengeThatCrossesTheCancelEndsTheReInviteAs487() throws Exception {
        f.receive(ALICE, hold);
        SipRequest first = f.request(PROVIDER, "INVITE");
        f.receive(PROVIDER, f.answer(first, 100, null, null));
        f.receive(ALICE, cancelOf(hold));
        assertThat(f.requests(PROVIDER, "CANCEL")).hasSize(1);
        SipResponse challenge = f.answer(first, 407, null, null);
        challenge.addHeader(HeaderNames.PROXY_AUTHENTICATE, CHALLENGE);
        f.receive(PROVIDER, challenge);
        assertThat(f.requests(PROVIDER, "INVITE")).hasSize(1); // no retry only to cancel it
        f.response(ALICE, 487, "INVITE");
        assertThat(f.responses(ALICE, 407, "INVITE")).isEmpty();
    }

    static SipRequest cancelOf(SipRequest reinvite) throws Exception {
        SipRequest cancel = new SipRequest("CANCEL", reinvite.uri());
        cancel.addHeader(HeaderNames.VIA, reinvite.header(HeaderNames.VIA));
        cancel.addHeader(HeaderNames.FROM, reinvite.header(HeaderNames.FROM));
        cancel.addHeader(HeaderNames.TO, reinvite.header(HeaderNames.TO));
        cancel.addHeader(HeaderNames.CALL_ID, reinvite.callId());
        cancel.addHeader(HeaderNames.CSEQ, reinvite.cseq().sequence() + " CANCEL");
        return cancel;
    }
}
