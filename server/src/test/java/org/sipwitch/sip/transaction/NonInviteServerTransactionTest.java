package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

class NonInviteServerTransactionTest {
    private final LayerFixture f = new LayerFixture();

    @Test
    void retransmittedOptionsMakeOneTransactionAndGetTheLastResponse() {
        SipRequest options = Msgs.request("OPTIONS", "z9hG4bK-opt1", "call-1", 1);
        f.receive(options);
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-opt1", "call-1", 1));
        assertThat(f.tu.requests).hasSize(1);
        assertThat(f.sender.all()).as("nothing to resend while Trying").isEmpty();

        ServerTransaction tx = f.tu.last();
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        tx.respond(200);
        assertThat(tx.state()).as("Completed lives on as bytes, not as this object").isEqualTo(TransactionState.TERMINATED);

        f.receive(Msgs.request("OPTIONS", "z9hG4bK-opt1", "call-1", 1));
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-opt1", "call-1", 1));
        assertThat(f.tu.requests).hasSize(1);
        assertThat(f.sender.responses(200)).hasSize(3);
        assertThat(f.sender.responses(200)).extracting(s -> SipEncoder.toText(s.message()))
                .as("the very same response is resent").containsOnly(SipEncoder.toText(f.sender.responses(200).get(0).message()));
        assertThat(tx.request()).as("Completed keeps the response's bytes, not the request").isNull();
        assertThat(f.layer.stats().retransmissionsAbsorbed()).isEqualTo(3);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(1);
    }

    @Test
    void provisionalIsResentToRetransmissionsInProceeding() {
        f.receive(Msgs.request("REGISTER", "z9hG4bK-r1", "call-2", 1));
        ServerTransaction tx = f.tu.last();
        tx.respond(tx.createResponse(100));
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        f.receive(Msgs.request("REGISTER", "z9hG4bK-r1", "call-2", 1));
        assertThat(f.sender.responses(100)).hasSize(2);
        tx.respond(200);
        tx.respond(500);
        assertThat(f.sender.responses(500)).as("responses after the final one are dropped").isEmpty();
    }

    @Test
    void responsesGoToReceivedAndRport() {
        SipRequest r = Msgs.request("OPTIONS", "z9hG4bK-nat", "call-nat", 1);
        r.setHeader("Via", "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-nat;received=198.51.100.7;rport=61000");
        f.receive(r);
        f.tu.last().respond(200);
        assertThat(f.sender.all().get(0).to().address().getAddress().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(f.sender.all().get(0).to().address().getPort()).isEqualTo(61000);
    }

    @Test
    void timerJKeepsTheTransactionForSixtyFourT1OverUdp() {
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-j", "call-3", 1));
        f.tu.last().respond(200);
        f.clock.advance(31_999);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(1);
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-j", "call-3", 1));
        assertThat(f.sender.responses(200)).as("answered until the last millisecond").hasSize(2);
        assertThat(f.tu.requests).hasSize(1);
        f.clock.advance(1);
        assertThat(f.layer.serverTransactionCount()).isZero();
        assertThat(f.tu.last().state()).isEqualTo(TransactionState.TERMINATED);

        // after Timer J the same branch is a new request again
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-j", "call-3", 1));
        assertThat(f.tu.requests).hasSize(2);
    }

    @Test
    void eachCompletedTransactionLingersItsOwnThirtyTwoSeconds() {
        for (int i = 0; i < 100; i++) {
            f.receive(Msgs.request("REGISTER", "z9hG4bK-a" + i, "call-a" + i, 1));
            f.tu.last().respond(200);
        }
        f.clock.advance(10_000);
        f.receive(Msgs.request("REGISTER", "z9hG4bK-b", "call-b", 1));
        f.tu.last().respond(200);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(101);
        assertThat(f.clock.pending()).as("no timer: a lingering response expires by its deadline").isZero();

        f.clock.advance(22_000);
        assertThat(f.layer.serverTransactionCount()).as("the first hundred are 32 s old").isEqualTo(1);
        f.receive(Msgs.request("REGISTER", "z9hG4bK-b", "call-b", 1));
        assertThat(f.sender.responses(200)).as("the last one still answers its retransmission").hasSize(102);
        f.clock.advance(9_999);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(1);
        f.clock.advance(1);
        assertThat(f.layer.serverTransactionCount()).isZero();
        f.receive(Msgs.request("REGISTER", "z9hG4bK-b", "call-b", 1));
        assertThat(f.tu.requests).as("after Timer J the same branch is a new request again").hasSize(102);
    }

    @Test
    void anRfc2543RequestIsAnsweredFromItsCompletedStateByItsWholeKeyAndToTag() {
        f.receive(Msgs.request("OPTIONS", null, "call-2543", 3));
        f.tu.last().respond(200);
        f.receive(Msgs.request("OPTIONS", null, "call-2543", 3));
        assertThat(f.sender.responses(200)).hasSize(2);
        assertThat(f.tu.requests).hasSize(1);

        SipRequest otherToTag = Msgs.request("OPTIONS", null, "call-2543", 3);
        otherToTag.setHeader("To", otherToTag.header("To") + ";tag=other");
        f.receive(otherToTag);
        assertThat(f.tu.requests).as("another To tag is another transaction (§17.2.3)").hasSize(2);
    }

    @Test
    void timerJIsZeroOverTcp() {
        f.receive(Msgs.PHONE_TCP, Msgs.request("OPTIONS", "z9hG4bK-tcp", "call-4", 1, "TCP"));
        ServerTransaction tx = f.tu.last();
        tx.respond(200);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.layer.serverTransactionCount()).isZero();
        assertThat(f.sender.all().get(0).to()).as("back on the request's connection").isEqualTo(Msgs.PHONE_TCP);
    }

    @Test
    void aChallengeToARequestWithoutCredentialsIsNotKeptAndItsRetransmissionIsChallengedAgain() {
        f.receive(Msgs.request("REGISTER", "z9hG4bK-anon", "call-anon", 1));
        ServerTransaction first = f.tu.last();
        first.respond(401);
        assertThat(first.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(f.layer.serverTransactionCount()).as("nothing lingers 32 s for it").isZero();

        // the 401 was lost: the phone's retransmission meets the TU, which challenges again
        f.receive(Msgs.request("REGISTER", "z9hG4bK-anon", "call-anon", 1));
        assertThat(f.tu.requests).hasSize(2);
        f.tu.last().respond(401);
        assertThat(f.sender.responses(401)).hasSize(2);
        assertThat(f.layer.stats().retransmissionsAbsorbed()).isZero();
    }

    /**
     * The phone's retransmission may arrive while the lane is still finishing the challenge
     * (the 401 is on the wire, the event loop looks the request up): it must meet no
     * transaction and be challenged afresh, not reach one that is about to end and answer
     * nothing (a CI run saw the second of two quick sends go unanswered).
     */
    @Test
    void aRetransmissionThatOvertakesTheEndOfAChallengeIsChallengedAgain() {
        SipRequest anonymous = Msgs.request("REGISTER", "z9hG4bK-quick", "call-quick", 1);
        boolean[] resent = {false};
        f.sender.onSend(m -> {
            if (!resent[0] && m instanceof SipResponse r && r.status() == 401) {
                resent[0] = true;
                f.receive(Msgs.request("REGISTER", "z9hG4bK-quick", "call-quick", 1)); // sent at once
            }
        });
        f.receive(anonymous);
        f.tu.requests.get(0).respond(401);
        assertThat(f.tu.requests).as("the overtaking retransmission reached the TU").hasSize(2);
        f.tu.last().respond(401);
        assertThat(f.sender.responses(401)).hasSize(2);
        assertThat(f.layer.serverTransactionCount()).isZero();
    }

    @Test
    void aChallengeToWrongCredentialsLingersAndIsResentAsIs() {
        for (String header : new String[] {"Authorization", "Proxy-Authorization"}) {
            String branch = "z9hG4bK-cred-" + header;
            SipRequest withCredentials = Msgs.request("MESSAGE", branch, "call-" + header, 2);
            withCredentials.setHeader(header, "Digest username=\"1000\", response=\"00\"");
            f.receive(withCredentials);
            f.tu.last().respond(header.startsWith("Proxy") ? 407 : 401);

            SipRequest again = Msgs.request("MESSAGE", branch, "call-" + header, 2);
            again.setHeader(header, "Digest username=\"1000\", response=\"00\"");
            f.receive(again);
        }
        assertThat(f.tu.requests).as("the TU saw each request once").hasSize(2);
        assertThat(f.sender.responses(401)).hasSize(2);
        assertThat(f.sender.responses(407)).hasSize(2);
        assertThat(f.layer.serverTransactionCount()).isEqualTo(2);
    }

    @Test
    void aTransactionTheTuNeverAnswersIsDroppedAfterSixtyFourT1() {
        f.receive(Msgs.request("MESSAGE", "z9hG4bK-silent", "call-5", 1));
        f.clock.advance(32_000);
        assertThat(f.layer.serverTransactionCount()).isZero();
        assertThat(f.tu.timeouts).hasSize(1);
    }

    @Test
    void aFailedSendEndsTheTransactionAndTellsTheTu() {
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-fail", "call-6", 1));
        f.sender.failSends(true);
        f.tu.last().respond(200);
        assertThat(f.tu.transportErrors).hasSize(1);
        assertThat(f.layer.serverTransactionCount()).isZero();
        assertThat(f.layer.stats().transportErrors()).isEqualTo(1);
    }

    @Test
    void differentSentByOrMethodIsAnotherTransaction() {
        f.receive(Msgs.request("OPTIONS", "z9hG4bK-same", "call-7", 1));
        SipRequest other = Msgs.request("OPTIONS", "z9hG4bK-same", "call-7", 1);
        other.setHeader("Via", "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bK-same");
        f.receive(other);
        f.receive(Msgs.request("INFO", "z9hG4bK-same", "call-7", 1));
        assertThat(f.tu.requests).hasSize(3);
    }
}
