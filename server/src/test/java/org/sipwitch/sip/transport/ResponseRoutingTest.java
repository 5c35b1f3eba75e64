package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

class ResponseRoutingTest {
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.9", 40123);

    private static SipRequest request(String via) {
        SipRequest r = new SipRequest("REGISTER", SipUri.sip(null, "example.net", -1));
        r.addHeader("Via", via);
        r.addHeader("Via", "SIP/2.0/UDP second.example;branch=z9hG4bK2");
        return r;
    }

    private static InboundMessage arrived(SipRequest r, Transport t) {
        Peer source = new Peer(t, NAT);
        ViaStamping.stamp(r, source);
        return new InboundMessage(r, source, new InetSocketAddress("192.0.2.1", 5060));
    }

    @Test
    void rportAndReceivedAreStampedAndUsed() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;rport");
        InboundMessage in = arrived(r, Transport.UDP);
        assertThat(r.headers().getAll("Via")).containsExactly(
                "SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;rport=40123;received=198.51.100.9",
                "SIP/2.0/UDP second.example;branch=z9hG4bK2");
        assertThat(ResponseRouting.destination(in)).as("the request's own Peer, not a copy").isSameAs(in.source());
    }

    @Test
    void aReceivedThatIsNoAddressIsIgnoredAndNeverLookedUp() {
        SipRequest r = request("SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1;rport=40123;received=evil.example.com");
        InboundMessage in = new InboundMessage(r, new Peer(Transport.UDP, NAT), new InetSocketAddress("192.0.2.1", 5060));
        assertThat(ResponseRouting.destination(in).address()).isEqualTo(NAT);
    }

    @Test
    void withoutRportTheViaPortIsUsedAtTheReceivedAddress() {
        InboundMessage in = arrived(request("SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK1"), Transport.UDP);
        assertThat(ResponseRouting.destination(in).address())
                .isEqualTo(new InetSocketAddress("198.51.100.9", 5062));
    }

    @Test
    void withoutPortItIs5060() {
        InboundMessage in = arrived(request("SIP/2.0/UDP phone.example;branch=z9hG4bK1"), Transport.UDP);
        assertThat(ResponseRouting.destination(in).address())
                .isEqualTo(new InetSocketAddress("198.51.100.9", 5060));
    }

    @Test
    void aViaThatNamesTheSourceGetsNoReceived() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bK1");
        InboundMessage in = arrived(r, Transport.UDP);
        assertThat(r.topVia().hasParam("received")).isFalse();
        assertThat(ResponseRouting.destination(in).address()).isEqualTo(new InetSocketAddress("198.51.100.9", 5060));
    }

    @Test
    void ipv6SourcesAreComparedAsAddresses() throws Exception {
        SipRequest r = request("SIP/2.0/UDP [2001:db8:0::1]:5060;branch=z9hG4bK1;rport");
        Peer source = new Peer(Transport.UDP, new InetSocketAddress("2001:db8::1", 5099));
        ViaStamping.stamp(r, source);
        assertThat(r.topVia().hasParam("received")).isFalse();
        assertThat(r.topVia().param("rport")).isEqualTo("5099");
        InboundMessage in = new InboundMessage(r, source, new InetSocketAddress("::1", 5060));
        assertThat(ResponseRouting.destination(in).address()).isEqualTo(new InetSocketAddress("2001:db8::1", 5099));
    }

    @Test
    void streamsAnswerOnTheirConnection() {
        InboundMessage in = arrived(request("SIP/2.0/TCP 10.0.0.5:5062;branch=z9hG4bK1"), Transport.TCP);
        assertThat(ResponseRouting.destination(in)).isEqualTo(new Peer(Transport.TCP, NAT));
    }
}
