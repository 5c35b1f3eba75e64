package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.BOB1;
import static org.sipwitch.sip.call.CallFixture.SDP_A;
import static org.sipwitch.sip.call.CallFixture.SDP_B;
import static org.sipwitch.sip.call.CallFixture.body;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.testing.ManualTimers;

/** An answered call: hang-up from either side, re-INVITE, INFO, drop, statistics. */
class InCallTest {
    CallFixture f;
    SipRequest invite;
    SipRequest toBob;
    SipResponse bobOk;
    SipResponse aliceOk;

    @BeforeEach
    void connect() {
        f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        invite = f.invite("sip:202@example.net", "call-1", SDP_A);
        f.receive(ALICE, invite);
        toBob = f.request(BOB1, "INVITE");
        bobOk = f.answer(toBob, 200, "b1", SDP_B);
        f.receive(BOB1, bobOk);
        aliceOk = f.response(ALICE, 200, "INVITE");
        f.receive(ALICE, f.ackFor(invite, aliceOk));
        f.sent.clear();
    }

    @Test
    void calleeHangsUpAndCallerGetsBye() throws Exception {
        f.receive(BOB1, f.fromCallee("BYE", BOB1, toBob, bobOk, 1));
        f.response(BOB1, 200, "BYE");
        SipRequest bye = f.request(ALICE, "BYE");
        assertThat(bye.callId()).isEqualTo("call-1");
        assertThat(bye.to().tag()).isEqualTo(invite.from().tag()); // the caller's dialog, seen from us
        assertThat(bye.from().tag()).isEqualTo(aliceOk.to().tag());
        assertThat(bye.uri().toString()).isEqualTo("sip:alice@192.0.2.10:5062");
        assertThat(f.engine.status()).isEqualTo("........");
        assertThat(f.engine.table().indexedLegs()).isZero();
        assertThat(f.events).last().asString().endsWith(" hangup");
    }

    @Test
    void callerHangsUpAndCalleeGetsBye() throws Exception {
        f.receive(ALICE, f.inDialog("BYE", ALICE, invite, aliceOk, 2));
        f.response(ALICE, 200, "BYE");
        SipRequest bye = f.request(BOB1, "BYE");
        assertThat(bye.callId()).isEqualTo(toBob.callId());
        assertThat(bye.to().tag()).isEqualTo("b1");
        assertThat(bye.cseq().sequence()).isGreaterThan(toBob.cseq().sequence());
        assertThat(f.engine.table().active()).isZero();
        // a second BYE finds no dialog
        f.receive(ALICE, f.inDialog("BYE", ALICE, invite, aliceOk, 3));
        f.response(ALICE, 481, "BYE");
    }

    @Test
    void calleeRepeatingItsTwoHundredAfterTheCallEndedStillGetsItsAck() throws Exception {
        f.receive(ALICE, f.inDialog("BYE", ALICE, invite, aliceOk, 2));
        assertThat(f.engine.table().active()).isZero();
        f.sent.clear();

        // the INVITE transaction toward Bob lingers (Timer M); the ended call handed it the ACK
        f.receive(BOB1, bobOk);
        f.receive(BOB1, bobOk);
        assertThat(f.requests(BOB1, "ACK")).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.callId()).isEqualTo(toBob.callId());
            assertThat(ack.cseq().sequence()).isEqualTo(toBob.cseq().sequence());
            assertThat(ack.to().tag()).isEqualTo("b1");
            assertThat(ack.from().tag()).isEqualTo(toBob.from().tag());
        });
        // any other 2xx (another CSeq) is not ours to ACK
        SipResponse other = f.answer(toBob, 200, "b1", SDP_B);
        other.setHeader(HeaderNames.CSEQ, "99 INVITE");
        f.receive(BOB1, other);
        assertThat(f.requests(BOB1, "ACK")).hasSize(2);
    }

    @Test
    void reInviteForHoldIsRelayedWithItsAck() throws Exception {
        String hold = SDP_A.replace("a=sendrecv", "a=sendonly");
        SipRequest reinvite = f.inDialog("INVITE", ALICE, invite, aliceOk, 2);
        reinvite.setBody(hold.getBytes(), "application/sdp");
        f.receive(ALICE, reinvite);
        SipRequest toBob2 = f.request(BOB1, "INVITE");
        assertThat(toBob2.callId()).isEqualTo(toBob.callId());
        assertThat(toBob2.to().tag()).isEqualTo("b1");
        assertThat(body(toBob2)).isEqualTo(hold);
        f.receive(BOB1, f.answer(toBob2, 200, "b1", SDP_B.replace("a=sendrecv", "a=recvonly")));
        assertThat(f.requests(BOB1, "ACK")).hasSize(1);
        SipResponse ok = f.response(ALICE, 200, "INVITE");
        assertThat(body(ok)).contains("a=recvonly");
        assertThat(f.engine.status()).startsWith("h");
        f.receive(ALICE, f.inDialog("ACK", ALICE, invite, aliceOk, 2));
        assertThat(f.engine.calls().get(0).state()).isEqualTo("holding");
    }

    @Test
    void secondReInviteMeanwhileIs491() {
        SipRequest first = f.inDialog("INVITE", ALICE, invite, aliceOk, 2);
        first.setBody(SDP_A.getBytes(), "application/sdp");
        f.receive(ALICE, first);
        f.receive(BOB1, f.fromCallee("INVITE", BOB1, toBob, bobOk, 1));
        f.response(BOB1, 491, "INVITE");
    }

    @Test
    void infoAndMessageInsideTheCallAreRelayedBothWays() throws Exception {
        SipRequest info = f.inDialog("INFO", ALICE, invite, aliceOk, 2);
        info.setBody("Signal=5\r\nDuration=160\r\n".getBytes(), "application/dtmf-relay");
        f.receive(ALICE, info);
        SipRequest relayed = f.request(BOB1, "INFO");
        assertThat(body(relayed)).isEqualTo("Signal=5\r\nDuration=160\r\n");
        assertThat(relayed.header("Content-Type")).isEqualTo("application/dtmf-relay");
        f.receive(BOB1, f.answer(relayed, 200, null, null));
        f.response(ALICE, 200, "INFO");

        SipRequest msg = f.fromCallee("MESSAGE", BOB1, toBob, bobOk, 1);
        msg.setBody("hi alice".getBytes(), "text/plain");
        f.receive(BOB1, msg);
        SipRequest toAlice = f.request(ALICE, "MESSAGE");
        assertThat(toAlice.callId()).isEqualTo("call-1");
        assertThat(body(toAlice)).isEqualTo("hi alice");
        f.receive(ALICE, f.answer(toAlice, 415, null, null));
        f.response(BOB1, 415, "MESSAGE");

        SipRequest refer = f.inDialog("REFER", ALICE, invite, aliceOk, 4);
        refer.addHeader("Refer-To", "<sip:203@example.net>");
        f.receive(ALICE, refer);
        assertThat(f.request(BOB1, "REFER").header("Refer-To")).isEqualTo("<sip:203@example.net>");

        SipRequest update = f.inDialog("UPDATE", ALICE, invite, aliceOk, 5);
        f.receive(ALICE, update);
        f.receive(BOB1, f.answer(f.request(BOB1, "UPDATE"), 200, null, null));
        f.response(ALICE, 200, "UPDATE");
    }

    @Test
    void dropByCallIdByesBothPhones() {
        String id = f.engine.calls().get(0).id();
        assertThat(f.engine.drop(id)).isEqualTo(1);
        assertThat(f.requests(ALICE, "BYE")).hasSize(1);
        assertThat(f.requests(BOB1, "BYE")).hasSize(1);
        assertThat(f.engine.calls()).isEmpty();
        assertThat(f.events).last().asString().endsWith(" dropped");
        assertThatThrownBy(() -> f.engine.drop(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropByUserOrExtension() {
        assertThat(f.engine.drop("202")).isEqualTo(1);
        assertThat(f.requests(ALICE, "BYE")).hasSize(1);
        assertThat(f.requests(BOB1, "BYE")).hasSize(1);
        assertThatThrownBy(() -> f.engine.drop("bob")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropBeforeAnswerCancels() {
        f.register("carol", "203", CallFixture.udp("192.0.2.30"));
        f.receive(ALICE, f.invite("sip:carol@example.net", "call-2", SDP_A));
        f.receive(CallFixture.udp("192.0.2.30"), f.answer(f.request(CallFixture.udp("192.0.2.30"), "INVITE"), 180,
                "c1", null));
        assertThat(f.engine.drop("carol")).isEqualTo(1);
        f.response(ALICE, 487, "INVITE");
        assertThat(f.requests(CallFixture.udp("192.0.2.30"), "CANCEL")).hasSize(1);
        assertThat(f.engine.calls()).hasSize(1); // the answered call to bob goes on
    }

    @Test
    void idleCallsAreProbedAndAForgottenDialogEndsTheCall() throws Exception {
        f.timers.advance(CallSettings.DEFAULT_PROBE_MILLIS);
        SipRequest toAlice = f.request(ALICE, "OPTIONS");
        SipRequest toBob2 = f.request(BOB1, "OPTIONS");
        assertThat(toAlice.callId()).isEqualTo("call-1");
        assertThat(toBob2.to().tag()).isEqualTo("b1");
        f.receive(ALICE, f.answer(toAlice, 200, null, null));
        f.receive(BOB1, f.answer(toBob2, 501, null, null)); // "not implemented" still proves it is there
        assertThat(f.engine.table().active()).isEqualTo(1);

        f.timers.advance(CallSettings.DEFAULT_PROBE_MILLIS);
        f.receive(ALICE, f.answer(f.request(ALICE, "OPTIONS"), 200, null, null));
        f.receive(BOB1, f.answer(f.request(BOB1, "OPTIONS"), 481, null, null));
        assertThat(f.requests(ALICE, "BYE")).hasSize(1);
        assertThat(f.engine.table().active()).isZero();
        assertThat(f.events).last().asString().endsWith(" lost");
    }

    @Test
    void aPhoneThatNoLongerAnswersEndsTheCall() {
        f.timers.advance(CallSettings.DEFAULT_PROBE_MILLIS);
        f.receive(ALICE, f.answer(f.request(ALICE, "OPTIONS"), 200, null, null));
        f.timers.advance(32_000); // bob's OPTIONS times out (64*T1)
        assertThat(f.engine.table().active()).isZero();
        assertThat(f.requests(ALICE, "BYE")).hasSize(1);
    }

    @Test
    void statisticsCountCallsPerEntity() {
        f.receive(ALICE, f.inDialog("BYE", ALICE, invite, aliceOk, 2));
        f.receive(ALICE, f.invite("sip:bob@example.net", "call-2", SDP_A));
        f.receive(ALICE, f.invite("sip:202@example.net", "call-3", SDP_A));
        CallStatistics stats = f.engine.statistics();
        EntityTotals alice = stats.stats("alice");
        EntityTotals bob = stats.stats("bob");
        EntityTotals system = stats.stats("system");
        assertThat(alice.outTotal()).isEqualTo(3);
        assertThat(alice.inTotal()).isZero();
        assertThat(alice.current()).isEqualTo(2);
        assertThat(alice.peak()).isEqualTo(2);
        assertThat(alice.lastCall()).isEqualTo(ManualTimers.EPOCH);
        assertThat(bob.inTotal()).isEqualTo(3);
        assertThat(bob.current()).isEqualTo(2);
        assertThat(system.inTotal()).isEqualTo(3);
        assertThat(system.outTotal()).isZero(); // system counts each call once, as incoming
        assertThat(system.peak()).isEqualTo(2);
        assertThat(stats.stats()).extracting(EntityTotals::name).containsExactly("system", "alice", "bob");

        f.engine.drop("alice");
        assertThat(stats.stats("alice").current()).isZero();
        var period = stats.rollPeriod(ManualTimers.EPOCH + 60_000);
        assertThat(period.get(0)).satisfies(p -> {
            assertThat(p.name()).isEqualTo("system");
            assertThat(p.incoming()).isEqualTo(3);
            assertThat(p.peak()).isEqualTo(2);
            assertThat(p.minimum()).isZero();
            assertThat(p.minutes()).isEqualTo(1);
        });
        assertThat(stats.rollPeriod(ManualTimers.EPOCH + 120_000).get(0).incoming()).isZero();
    }
}
