package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transport.ResponseRouting;

/** §17.2.3 matching, CANCEL (§9.2), the RFC 2543 fallback, and where responses go. */
class MatchingTest {
    private final LayerFixture f = new LayerFixture();

    @Test
    void cancelFindsItsInviteAndReachesTheTu() {
        f.receive(Msgs.request("INVITE", "z9hG4bK-inv", "call-c", 1));
        ServerTransaction invite = f.tu.last();
        invite.respond(180);
        f.receive(Msgs.request("CANCEL", "z9hG4bK-inv", "call-c", 1));
        assertThat(f.tu.requests).hasSize(2);
        ServerTransaction cancel = f.tu.last();
        assertThat(cancel.method()).isEqualTo("CANCEL");
        assertThat(f.layer.findInviteFor(cancel.request())).isSameAs(invite);

        // what a UAS core does with it (§9.2): 200 to the CANCEL, 487 to the INVITE
        cancel.respond(200);
        invite.respond(487);
        assertThat(f.sender.responses(487)).hasSize(1);
        assertThat(invite.state()).isEqualTo(TransactionState.COMPLETED);
    }

    @Test
    void cancelWithoutItsInviteGets481WithoutTheTu() {
        f.receive(Msgs.request("CANCEL", "z9hG4bK-nothing", "call-n", 1));
        assertThat(f.tu.requests).isEmpty();
        assertThat(f.sender.responses(481)).hasSize(1);
    }

    @Test
    void ackForA2xxHasItsOwnBranchAndGoesToTheTu() {
        f.receive(Msgs.request("ACK", "z9hG4bK-other", "call-a", 1));
        assertThat(f.tu.acks).hasSize(1);
        assertThat(f.tu.requests).isEmpty();
        assertThat(f.layer.serverTransactionCount()).isZero();
    }

    @Test
    void rfc2543RetransmissionsWithoutMagicCookieAreOneTransaction() {
        f.receive(Msgs.request("INVITE", "1234", "call-old", 7));
        f.receive(Msgs.request("INVITE", "1234", "call-old", 7));
        SipRequest noBranch = Msgs.request("INVITE", null, "call-old2", 7);
        f.receive(noBranch);
        f.receive(Msgs.request("INVITE", null, "call-old2", 7));
        assertThat(f.tu.requests).hasSize(2);
        assertThat(f.layer.stats().retransmissionsAbsorbed()).isEqualTo(2);

        SipRequest differentCSeq = Msgs.request("INVITE", null, "call-old2", 8);
        f.receive(differentCSeq);
        assertThat(f.tu.requests).hasSize(3);
    }

    @Test
    void rfc2543AckMatchesByTheToTagOfOurResponse() {
        f.receive(Msgs.request("INVITE", null, "call-old3", 1));
        ServerTransaction tx = f.tu.last();
        SipRequest request = tx.request();
        SipResponse busy = tx.createResponse(486);
        tx.respond(busy);

        SipRequest wrongTag = Msgs.request("ACK", null, "call-old3", 1);
        wrongTag.setHeader("To", "<sip:bob@example.net>;tag=someone-else");
        f.receive(wrongTag);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(f.tu.acks).hasSize(1);

        f.receive(Msgs.ackFor(request, busy));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);

        // Confirmed has let the 486 go but still knows its To tag: the repeat is absorbed
        f.receive(Msgs.ackFor(Msgs.request("INVITE", null, "call-old3", 1), busy));
        assertThat(tx.request()).isNull();
        assertThat(f.tu.acks).as("only the wrong-tag ACK reached the TU").hasSize(1);
    }

    @Test
    void rfc2543CancelFindsItsInvite() {
        f.receive(Msgs.request("INVITE", null, "call-old4", 3));
        ServerTransaction invite = f.tu.last();
        f.receive(Msgs.request("CANCEL", null, "call-old4", 3));
        assertThat(f.tu.requests).hasSize(2);
        assertThat(f.layer.findInviteFor(f.tu.last().request())).isSameAs(invite);
    }

    @Test
    void responseDestinationFollowsRfc3581() throws SipParseException {
        Peer source = new Peer(Transport.UDP, new InetSocketAddress("198.51.100.7", 61000));
        SipRequest r = Msgs.request("OPTIONS", "z9hG4bK-d", "d", 1);
        InboundMessage in = Msgs.from(source, r);

        Via rport = Via.parse("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK-d;received=198.51.100.7;rport=61000");
        assertThat(ResponseRouting.destination(in, rport).address()).isEqualTo(source.address());

        Via noRport = Via.parse("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK-d;received=198.51.100.7");
        assertThat(ResponseRouting.destination(in, noRport).address())
                .isEqualTo(new InetSocketAddress("198.51.100.7", 5070));

        Via bare = Via.parse("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK-d");
        assertThat(ResponseRouting.destination(in, bare).address()).isEqualTo(new InetSocketAddress("198.51.100.7", 5060));

        Via hostile = Via.parse("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK-d;received=evil.example.com");
        assertThat(ResponseRouting.destination(in, hostile).address().getAddress().getHostAddress())
                .as("never a DNS name").isEqualTo("198.51.100.7");

        Via v6 = Via.parse("SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bK-d;received=2001:db8::9;rport=5999");
        assertThat(ResponseRouting.destination(in, v6).address()).isEqualTo(new InetSocketAddress("2001:db8::9", 5999));

        InboundMessage tcp = Msgs.from(Msgs.PHONE_TCP, r);
        assertThat(ResponseRouting.destination(tcp, rport)).isEqualTo(Msgs.PHONE_TCP);
    }

    @Test
    void aFullServerTableSheds503Statelessly() {
        LayerFixture small = new LayerFixture(TransactionSettings.defaults().withLimits(2, 10));
        for (int i = 0; i < 3; i++) {
            small.receive(Msgs.request("OPTIONS", "z9hG4bK-flood" + i, "flood" + i, 1));
        }
        assertThat(small.tu.requests).hasSize(2);
        assertThat(small.sender.responses(503)).hasSize(1);
        assertThat(small.sender.responses(503).get(0).response().header("Retry-After")).isNotNull();
        assertThat(small.layer.stats().rejected()).isEqualTo(1);
        small.receive(Msgs.request("ACK", "z9hG4bK-flood9", "flood9", 1));
        assertThat(small.sender.responses(503)).as("never answer an ACK").hasSize(1);
    }
}
