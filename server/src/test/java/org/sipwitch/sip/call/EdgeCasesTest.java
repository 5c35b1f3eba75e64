package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.BOB1;
import static org.sipwitch.sip.call.CallFixture.BOB2;
import static org.sipwitch.sip.call.CallFixture.SDP_A;
import static org.sipwitch.sip.call.CallFixture.SDP_B;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

/** What goes wrong on the wire: lost ACKs, retransmitted 2xx, dead phones, confused requests. */
class EdgeCasesTest {
    CallFixture f;

    @BeforeEach
    void setUp() {
        f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
    }

    @Test
    void callerThatNeverAcksIsHungUpOnBothLegs() {
        f.receive(ALICE, f.invite("sip:202@example.net", "c1", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 200, "b1", SDP_B));
        assertThat(f.responses(ALICE, 200, "INVITE")).hasSize(1);
        f.timers.advance(2_000);
        assertThat(f.responses(ALICE, 200, "INVITE")).hasSizeGreaterThan(1); // §13.3.1.4 retransmission
        f.timers.advance(31_000);
        // one BYE each (the phones do not answer them here, so UDP retransmits them: same branch)
        assertThat(f.requests(BOB1, "BYE").stream().map(r -> r.header(HeaderNames.VIA)).distinct()).hasSize(1);
        assertThat(f.requests(ALICE, "BYE").stream().map(r -> r.header(HeaderNames.VIA)).distinct()).hasSize(1);
        assertThat(f.engine.table().active()).isZero();
        assertThat(f.events).last().asString().endsWith(" no ack");
    }

    @Test
    void retransmitted2xxGetsTheAckAgain() {
        SipRequest invite = f.invite("sip:202@example.net", "c1", SDP_A);
        f.receive(ALICE, invite);
        SipRequest toBob = f.request(BOB1, "INVITE");
        SipResponse ok = f.answer(toBob, 200, "b1", SDP_B);
        f.receive(BOB1, ok);
        f.receive(BOB1, ok);
        assertThat(f.requests(BOB1, "ACK")).hasSize(2);
        SipResponse toAlice = f.response(ALICE, 200, "INVITE");
        assertThat(f.responses(ALICE, 200, "INVITE")).hasSize(1);
        f.receive(ALICE, f.ackFor(invite, toAlice));
        f.timers.advance(40_000); // the INVITE transaction is gone: a 2xx now is a stray
        f.receive(BOB1, ok);
        assertThat(f.requests(BOB1, "ACK")).hasSize(3);
        // made again each time, not kept: the same dialog, CSeq and target every time
        assertThat(f.requests(BOB1, "ACK").stream()
                .map(a -> a.uri() + " " + a.header(HeaderNames.CALL_ID) + " " + a.header(HeaderNames.CSEQ)
                        + " " + a.header(HeaderNames.FROM) + " " + a.header(HeaderNames.TO))
                .distinct()).hasSize(1);
    }

    @Test
    void unreachableLegsEndIn480() {
        f.register("bob", "202", BOB2);
        f.receive(ALICE, f.invite("sip:202@example.net", "c1", SDP_A));
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 486, "b1", null));
        f.timers.advance(7_000); // BOB2 never answers: but ring × cfna (8 s) ends it first
        f.timers.advance(1_100);
        f.response(ALICE, 480, "INVITE");
        assertThat(f.engine.table().active()).isZero();
    }

    @Test
    void sameCallIdTwiceIsALoop() {
        f.receive(ALICE, f.invite("sip:202@example.net", "c1", SDP_A));
        SipRequest again = f.invite("sip:202@example.net", "c1", SDP_A);
        again.setHeader(HeaderNames.CSEQ, "2 INVITE");
        f.receive(ALICE, again);
        f.response(ALICE, 482, "INVITE");
        assertThat(f.engine.table().active()).isEqualTo(1);
    }

    @Test
    void requestsOutsideAnyCallAre481() {
        SipRequest bye = f.request("BYE", ALICE, "alice", "sip:202@example.net", "nope", 2);
        bye.setHeader(HeaderNames.TO, "<sip:202@example.net>;tag=zzz");
        f.receive(ALICE, bye);
        f.response(ALICE, 481, "BYE");
        f.receive(ALICE, f.request("INFO", ALICE, "alice", "sip:202@example.net", "nope2", 1));
        f.response(ALICE, 481, "INFO");
    }

    @Test
    void wrongTagsInAKnownCallAre481() {
        SipRequest invite = f.invite("sip:202@example.net", "c1", SDP_A);
        f.receive(ALICE, invite);
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 200, "b1", SDP_B));
        SipResponse ok = f.response(ALICE, 200, "INVITE");
        SipRequest bye = f.inDialog("BYE", ALICE, invite, ok, 2);
        bye.setHeader(HeaderNames.TO, "<sip:202@example.net>;tag=forged");
        f.receive(ALICE, bye);
        f.response(ALICE, 481, "BYE");
        assertThat(f.engine.table().active()).isEqualTo(1);
    }

    @Test
    void cancelOfARelayedReInviteCancelsTheOtherSide() {
        SipRequest invite = f.invite("sip:202@example.net", "c1", SDP_A);
        f.receive(ALICE, invite);
        f.receive(BOB1, f.answer(f.request(BOB1, "INVITE"), 200, "b1", SDP_B));
        SipResponse ok = f.response(ALICE, 200, "INVITE");
        f.receive(ALICE, f.ackFor(invite, ok));
        SipRequest reinvite = f.inDialog("INVITE", ALICE, invite, ok, 2);
        reinvite.setBody(SDP_A.getBytes(), "application/sdp");
        f.receive(ALICE, reinvite);
        SipRequest toBob = f.request(BOB1, "INVITE");
        f.receive(BOB1, f.answer(toBob, 180, null, null));
        SipRequest cancel = new SipRequest("CANCEL", reinvite.uri());
        cancel.addHeader(HeaderNames.VIA, reinvite.header(HeaderNames.VIA));
        cancel.addHeader(HeaderNames.FROM, reinvite.header(HeaderNames.FROM));
        cancel.addHeader(HeaderNames.TO, reinvite.header(HeaderNames.TO));
        cancel.addHeader(HeaderNames.CALL_ID, reinvite.callId());
        cancel.addHeader(HeaderNames.CSEQ, "2 CANCEL");
        f.receive(ALICE, cancel);
        f.response(ALICE, 200, "CANCEL");
        assertThat(f.requests(BOB1, "CANCEL")).hasSize(1);
        f.receive(BOB1, f.answer(toBob, 487, null, null));
        f.response(ALICE, 487, "INVITE");
        assertThat(f.engine.status()).startsWith("j"); // the call itself goes on
    }

    @Test
    void tcpPhoneWhoseConnectionIsGoneIsTriedAtItsContact() throws Exception {
        org.sipwitch.sip.net.Peer oldConnection = new org.sipwitch.sip.net.Peer(
                org.sipwitch.sip.net.Transport.TCP, new java.net.InetSocketAddress("192.0.2.50", 40123));
        f.location.put(new org.sipwitch.sip.location.Binding("carol", "203", "sip:carol@192.0.2.50:5070;transport=tcp",
                oldConnection, "r", 1, f.timers.millis() + 600_000, -1f, null, null, f.timers.millis(), false));
        f.unreachable.add(oldConnection);
        f.receive(ALICE, f.invite("sip:carol@example.net", "c1", SDP_A));
        org.sipwitch.sip.net.Peer direct = new org.sipwitch.sip.net.Peer(
                org.sipwitch.sip.net.Transport.TCP, new java.net.InetSocketAddress("192.0.2.50", 5070));
        SipRequest retry = f.request(direct, "INVITE");
        assertThat(retry.topVia().transport()).isEqualTo("TCP");
        f.receive(direct, f.answer(retry, 200, "c1", SDP_B));
        f.response(ALICE, 200, "INVITE");

        f.unreachable.add(direct); // and when the Contact does not answer either: 480
        f.receive(ALICE, f.invite("sip:carol@example.net", "c2", SDP_A));
        f.response(ALICE, 480, "INVITE");
    }

    @Test
    void undialableContactIsSkippedAndStatisticsStayBalanced() {
        f.location.put(new org.sipwitch.sip.location.Binding("carol", "203", "mailto:carol@example.net",
                CallFixture.udp("192.0.2.30"), "r", 1, f.timers.millis() + 600_000, -1f, null, null, f.timers.millis(),
                false));
        f.receive(ALICE, f.invite("sip:carol@example.net", "c1", SDP_A));
        f.response(ALICE, 480, "INVITE");
        assertThat(f.engine.statistics().stats("system").inTotal()).isZero();
        assertThat(f.engine.statistics().stats("system").current()).isZero();
        assertThat(f.engine.table().active()).isZero();
        assertThat(f.engine.table().indexedLegs()).isZero();
    }

    @Test
    void udpPhoneIsReachedAtItsContactUnlessBehindNat() {
        org.sipwitch.sip.net.Peer registeredFrom = new org.sipwitch.sip.net.Peer(
                org.sipwitch.sip.net.Transport.UDP, new java.net.InetSocketAddress("192.0.2.60", 40000));
        f.location.put(new org.sipwitch.sip.location.Binding("carol", "203", "sip:carol@192.0.2.60:5090",
                registeredFrom, "r", 1, f.timers.millis() + 600_000, -1f, null, null, f.timers.millis(), false));
        org.sipwitch.sip.net.Peer natted = new org.sipwitch.sip.net.Peer(
                org.sipwitch.sip.net.Transport.UDP, new java.net.InetSocketAddress("198.51.100.9", 31000));
        f.location.put(new org.sipwitch.sip.location.Binding("carol", "203", "sip:carol@10.1.1.5:5060", natted, "r2",
                1, f.timers.millis() + 600_000, -1f, null, null, f.timers.millis(), false));
        f.receive(ALICE, f.invite("sip:carol@example.net", "c1", SDP_A));
        // same IP as the REGISTER's source: the phone listens where its Contact says
        org.sipwitch.sip.net.Peer contact = new org.sipwitch.sip.net.Peer(
                org.sipwitch.sip.net.Transport.UDP, new java.net.InetSocketAddress("192.0.2.60", 5090));
        assertThat(f.requests(contact, "INVITE")).hasSize(1);
        assertThat(f.requests(registeredFrom, "INVITE")).isEmpty();
        // a private Contact behind a public source: only the source reaches it
        assertThat(f.requests(natted, "INVITE")).hasSize(1);
    }

    @Test
    void maxForwardsExhaustedIs483() {
        SipRequest invite = f.invite("sip:202@example.net", "c1", SDP_A);
        invite.setHeader(HeaderNames.MAX_FORWARDS, "0");
        f.receive(ALICE, invite);
        f.response(ALICE, 483, "INVITE");
        SipRequest ok = f.invite("sip:202@example.net", "c2", SDP_A);
        ok.setHeader(HeaderNames.MAX_FORWARDS, "5");
        f.receive(ALICE, ok);
        assertThat(f.request(BOB1, "INVITE").header(HeaderNames.MAX_FORWARDS)).isEqualTo("4");
    }
}
