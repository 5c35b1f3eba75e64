package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.BOB1;
import static org.sipwitch.sip.call.CallFixture.BOB2;
import static org.sipwitch.sip.call.CallFixture.SDP_A;
import static org.sipwitch.sip.call.CallFixture.SDP_B;
import static org.sipwitch.sip.call.CallFixture.STRANGER;
import static org.sipwitch.sip.call.CallFixture.body;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.registrar.TestPhone;

/** Call set-up outcomes: who is called, who answers, what the caller hears. */
class CallSetupTest {
    CallFixture f;

    @BeforeEach
    void setUp() {
        f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        f.register("bob", "202", BOB2);
    }

    @Test
    void forksToEveryBindingAndFirstAnswerWins() throws Exception {
        SipRequest invite = f.invite("sip:202@example.net", "call-1", SDP_A);
        f.receive(ALICE, invite);

        SipRequest toBob1 = f.request(BOB1, "INVITE");
        SipRequest toBob2 = f.request(BOB2, "INVITE");
        // each leg its own dialog: own Call-ID, our From tag, our Via and Contact; SDP untouched
        assertThat(toBob1.callId()).isNotEqualTo("call-1").isNotEqualTo(toBob2.callId());
        assertThat(toBob1.from().tag()).isNotNull().isNotEqualTo(invite.from().tag());
        assertThat(toBob1.from().uri().user()).isEqualTo("201");
        assertThat(toBob1.topVia().host()).isEqualTo("10.0.0.1");
        assertThat(toBob1.header(HeaderNames.CONTACT)).contains("10.0.0.1:5060");
        assertThat(toBob1.uri().toString()).isEqualTo("sip:bob@192.0.2.20:5062");
        assertThat(body(toBob1)).isEqualTo(SDP_A);
        assertThat(toBob1.header(HeaderNames.CONTENT_TYPE)).isEqualTo("application/sdp");
        assertThat(f.engine.status()).isEqualTo("r.......");

        f.receive(BOB1, f.answer(toBob1, 180, "b1", null));
        f.receive(BOB2, f.answer(toBob2, 180, "b2", null));
        assertThat(f.responses(ALICE, 180, "INVITE")).hasSize(2);

        f.receive(BOB1, f.answer(toBob1, 200, "b1", SDP_B));
        SipResponse ok = f.response(ALICE, 200, "INVITE");
        assertThat(body(ok)).isEqualTo(SDP_B);
        assertThat(ok.header(HeaderNames.CONTACT)).contains("10.0.0.1:5060");
        assertThat(ok.to().tag()).isNotEqualTo("b1");
        assertThat(f.requests(BOB1, "ACK")).hasSize(1);
        assertThat(f.request(BOB1, "ACK").to().tag()).isEqualTo("b1");
        assertThat(f.requests(BOB2, "CANCEL")).hasSize(1);
        assertThat(f.engine.status()).isEqualTo("c.......");

        f.receive(BOB2, f.answer(toBob2, 487, "b2", null));
        f.receive(ALICE, f.ackFor(invite, ok));
        assertThat(f.engine.status()).isEqualTo("j.......");
        assertThat(f.engine.calls()).singleElement().satisfies(c -> {
            assertThat(c.id()).matches("[0-9a-f]{8}:0");
            assertThat(c.state()).isEqualTo("joined");
            assertThat(c.source()).isEqualTo("alice");
            assertThat(c.target()).isEqualTo("202");
        });
    }

    @Test
    void byUserIdAndByAlias() throws Exception {
        f.receive(ALICE, f.invite("sip:bob@10.0.0.1", "call-1", SDP_A));
        assertThat(f.requests(BOB1, "INVITE")).hasSize(1);
        f.register("carol", "203", udp("192.0.2.30"));
        f.directory.add("dave", "204", "pw", "dee");
        f.register("dave", "204", udp("192.0.2.40"));
        f.receive(ALICE, f.invite("sip:dee@example.net", "call-2", SDP_A));
        assertThat(f.requests(udp("192.0.2.40"), "INVITE")).hasSize(1);
    }

    @Test
    void lateSecondAnswerIsAckedAndByed() throws Exception {
        f.receive(ALICE, f.invite("sip:202@example.net", "call-1", SDP_A));
        SipRequest toBob1 = f.request(BOB1, "INVITE");
        SipRequest toBob2 = f.request(BOB2, "INVITE");
        f.receive(BOB1, f.answer(toBob1, 200, "b1", SDP_B));
        f.receive(BOB2, f.answer(toBob2, 200, "b2", SDP_B));
        assertThat(f.requests(BOB2, "ACK")).hasSize(1);
        SipRequest bye = f.request(BOB2, "BYE");
        assertThat(bye.to().tag()).isEqualTo("b2");
        assertThat(bye.callId()).isEqualTo(toBob2.callId());
        assertThat(f.responses(ALICE, 200, "INVITE")).hasSize(1);
        assertThat(f.requests(BOB1, "BYE")).isEmpty();
    }

    @Test
    void allBusyIs486() {
        f.receive(ALICE, f.invite("sip:202@example.net", "call-1", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 486, "b1", null));
        assertThat(f.responses(ALICE, r -> r.isFinal())).isEmpty();
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 486, "b2", null));
        f.response(ALICE, 486, "INVITE");
        assertThat(f.engine.status()).isEqualTo("........");
        assertThat(f.events).last().asString().endsWith(" busy");
    }

    @Test
    void allDeclinedIs603AndMixedIs480() {
        f.receive(ALICE, f.invite("sip:202@example.net", "call-1", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 603, "b1", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 603, "b2", null));
        f.response(ALICE, 603, "INVITE");

        f.receive(ALICE, f.invite("sip:202@example.net", "call-2", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 486, "b1", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 603, "b2", null));
        f.response(ALICE, 480, "INVITE");
    }

    @Test
    void noAnswerWithinRingTimesCfnaIs480AndCancelsTheLegs() {
        f.receive(ALICE, f.invite("sip:202@example.net", "call-1", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 180, "b1", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 180, "b2", null));
        f.timers.advance(7_900);
        assertThat(f.responses(ALICE, r -> r.isFinal())).isEmpty();
        f.timers.advance(200);
        f.response(ALICE, 480, "INVITE");
        assertThat(f.requests(BOB1, "CANCEL")).hasSize(1);
        assertThat(f.requests(BOB2, "CANCEL")).hasSize(1);
        assertThat(f.engine.table().active()).isZero();
        assertThat(f.events).last().asString().endsWith(" no answer");
    }

    @Test
    void callerCancelGets487AndEveryLegIsCancelled() {
        SipRequest invite = f.invite("sip:202@example.net", "call-1", SDP_A);
        f.receive(ALICE, invite);
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 180, "b1", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 180, "b2", null));
        SipRequest cancel = new SipRequest("CANCEL", invite.uri());
        cancel.addHeader(HeaderNames.VIA, invite.header(HeaderNames.VIA));
        cancel.addHeader(HeaderNames.FROM, invite.header(HeaderNames.FROM));
        cancel.addHeader(HeaderNames.TO, invite.header(HeaderNames.TO));
        cancel.addHeader(HeaderNames.CALL_ID, invite.callId());
        cancel.addHeader(HeaderNames.CSEQ, "1 CANCEL");
        f.receive(ALICE, cancel);
        f.response(ALICE, 200, "CANCEL");
        f.response(ALICE, 487, "INVITE");
        assertThat(f.requests(BOB1, "CANCEL")).hasSize(1);
        assertThat(f.requests(BOB2, "CANCEL")).hasSize(1);
        assertThat(f.engine.table().active()).isZero();
        // the phones confirm with 487; a 200 racing the CANCEL is ACKed and BYEd
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 487, "b1", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "INVITE"), 200, "b2", SDP_B));
        assertThat(f.requests(BOB2, "ACK")).hasSize(1);
        assertThat(f.requests(BOB2, "BYE")).hasSize(1);
        assertThat(f.engine.table().indexedLegs()).isZero();
    }

    @Test
    void unknownNotRegisteredAndSystemTargets() {
        f.receive(ALICE, f.invite("sip:nobody@example.net", "c1", SDP_A));
        f.response(ALICE, 404, "INVITE");
        f.receive(ALICE, f.invite("sip:203@example.net", "c2", SDP_A));
        f.response(ALICE, 480, "INVITE");
        f.receive(ALICE, f.invite("sip:system@example.net", "c3", SDP_A));
        f.response(ALICE, 403, "INVITE");
        assertThat(f.engine.table().active()).isZero();
    }

    @Test
    void requiredExtensionIs420() {
        SipRequest invite = f.invite("sip:202@example.net", "c1", SDP_A);
        invite.addHeader(HeaderNames.REQUIRE, "100rel");
        f.receive(ALICE, invite);
        assertThat(f.response(ALICE, 420, "INVITE").header(HeaderNames.UNSUPPORTED)).isEqualTo("100rel");
        assertThat(f.requests(BOB1, "INVITE")).isEmpty();
    }

    @Test
    void untrustedOrUnregisteredCallerIsChallengedThenAdmitted() throws Exception {
        SipRequest invite = f.request("INVITE", STRANGER, "alice", "sip:202@example.net", "c1", 1);
        f.receive(STRANGER, invite);
        SipResponse challenge = f.response(STRANGER, 407, "INVITE");
        String header = challenge.header(HeaderNames.PROXY_AUTHENTICATE);
        assertThat(header).contains("realm=\"example.net\"");
        assertThat(f.requests(BOB1, "INVITE")).isEmpty();

        String nonce = header.replaceAll(".*nonce=\"([^\"]+)\".*", "$1");
        SipRequest retry = f.request("INVITE", STRANGER, "alice", "sip:202@example.net", "c1", 2);
        new TestPhone("alice", "alice-secret", "198.51.100.7", 5062).authorize(retry, "example.net", nonce, "MD5",
                "00000001", "alice-secret");
        String creds = retry.header(HeaderNames.AUTHORIZATION);
        retry.headers().remove(HeaderNames.AUTHORIZATION);
        retry.addHeader(HeaderNames.PROXY_AUTHORIZATION, creds);
        f.receive(STRANGER, retry);
        assertThat(f.requests(BOB1, "INVITE")).hasSize(1);
    }

    @Test
    void fullTableIs503() {
        f = new CallFixture(1);
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        f.receive(ALICE, f.invite("sip:202@example.net", "c1", SDP_A));
        f.receive(ALICE, f.invite("sip:202@example.net", "c2", SDP_A));
        SipResponse busy = f.response(ALICE, 503, "INVITE");
        assertThat(busy.header(HeaderNames.RETRY_AFTER)).isNotNull();
        assertThat(f.engine.status()).isEqualTo("r");
    }

    @Test
    void delayedOfferAckCarriesTheAnswer() throws Exception {
        SipRequest invite = f.invite("sip:202@example.net", "c1", null);
        f.receive(ALICE, invite);
        SipRequest toBob1 = f.request(BOB1, "INVITE");
        assertThat(toBob1.body()).isEmpty();
        f.receive(BOB1, f.answer(toBob1, 200, "b1", SDP_B));
        assertThat(f.requests(BOB1, "ACK")).isEmpty(); // waits for the caller's answer
        SipResponse ok = f.response(ALICE, 200, "INVITE");
        SipRequest ack = f.ackFor(invite, ok);
        ack.setBody(SDP_A.getBytes(), "application/sdp");
        f.receive(ALICE, ack);
        assertThat(body(f.request(BOB1, "ACK"))).isEqualTo(SDP_A);
    }

    @Test
    void callIdsCountUpAndSlotsRotate() {
        f.receive(ALICE, f.invite("sip:202@example.net", "c1", SDP_A));
        f.receive(ALICE, f.invite("sip:202@example.net", "c2", SDP_A));
        List<String> ids = f.engine.calls().stream().map(c -> c.id()).toList();
        assertThat(ids).containsExactly("00000001:0", "00000002:1");
        assertThat(f.events).containsExactly("connecting 00000001:0", "connecting 00000002:1");
    }

    static org.sipwitch.sip.net.Peer udp(String ip) {
        return CallFixture.udp(ip);
    }
}
