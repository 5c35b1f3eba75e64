package org.sipwitch.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderModelTest {

    @Test
    void nameAddrWithQuotedDisplayNameAndParams() throws Exception {
        NameAddress a = NameAddress.parse("\"Alice \\\"A\\\" Smith\" <sip:alice@example.net;transport=tcp>;tag=88;x");
        assertThat(a.display()).isEqualTo("Alice \"A\" Smith");
        assertThat(a.uri().transport()).isEqualTo("tcp");
        assertThat(a.tag()).isEqualTo("88");
        assertThat(a.params()).containsKeys("tag", "x");
        assertThat(a.toString()).isEqualTo("\"Alice \\\"A\\\" Smith\" <sip:alice@example.net;transport=tcp>;tag=88;x");
    }

    @Test
    void unquotedDisplayNameAndAddrSpecForm() throws Exception {
        NameAddress a = NameAddress.parse("Bob Jones <sip:bob@example.net>");
        assertThat(a.display()).isEqualTo("Bob Jones");
        NameAddress b = NameAddress.parse("sip:bob@example.net;tag=5");
        assertThat(b.uri().params()).as("addr-spec params belong to the header").isEmpty();
        assertThat(b.tag()).isEqualTo("5");
        NameAddress c = NameAddress.parse("<tel:+123>");
        assertThat(c.uri().isTel()).isTrue();
    }

    @Test
    void brokenNameAddrs() {
        assertThatThrownBy(() -> NameAddress.parse("\"Alice <sip:a@h>")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@h")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> NameAddress.parse("\"Alice\" sip:a@h")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> NameAddress.parse("")).isInstanceOf(SipParseException.class);
    }

    @Test
    void viaWithReceivedAndRport() throws Exception {
        Via v = Via.parse("SIP / 2.0 / udp 192.0.2.7:5062;branch=z9hG4bK77;rport;received=10.0.0.1");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("192.0.2.7");
        assertThat(v.port()).isEqualTo(5062);
        assertThat(v.hasRfc3261Branch()).isTrue();
        assertThat(v.hasParam("rport")).isTrue();
        assertThat(v.param("rport")).isEmpty();
        assertThat(v.param("received")).isEqualTo("10.0.0.1");
        Via stamped = v.withParam("rport", "40000").withParam("received", "198.51.100.1");
        assertThat(stamped.toString())
                .isEqualTo("SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK77;rport=40000;received=198.51.100.1");
        assertThat(v.param("rport")).as("withParam leaves the original alone").isEmpty();
    }

    @Test
    void viaWithIpv6Host() throws Exception {
        Via v = Via.parse("SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK1;received=2001:db8::10");
        assertThat(v.host()).isEqualTo("[2001:db8::9]");
        assertThat(v.param("received")).isEqualTo("2001:db8::10");
        assertThat(v.sentBy()).isEqualTo("[2001:db8::9]:5060");
    }

    @Test
    void brokenVias() {
        for (String bad : new String[] {"garbage", "SIP/2.0/", "SIP/3.0/UDP h", "SIP/2.0/UDP", "SIP/2.0/UDP h:0x",
                "SIP/2.0/UDP h:70000", "SIP/2.0/UDP [::1;branch=x"}) {
            assertThatThrownBy(() -> Via.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void commaListsRespectQuotesAndAngleBrackets() {
        List<String> parts = HeaderValues.splitList(
                "\"Doe, John\" <sip:j@h;x=a,b>, <sip:k@h> ;q=0.5 , sip:l@h, \"esc \\\" ,\" <sip:m@h>");
        assertThat(parts).containsExactly("\"Doe, John\" <sip:j@h;x=a,b>", "<sip:k@h> ;q=0.5", "sip:l@h",
                "\"esc \\\" ,\" <sip:m@h>");
    }

    @Test
    void paramsAreCaseInsensitiveAndQuotedValuesKeptWhole() throws Exception {
        var p = HeaderValues.parseParams(";Expires=60 ; q=0.7;+sip.instance=\"<urn:uuid:1;2>\";lr", 0);
        assertThat(p).containsEntry("expires", "60").containsEntry("q", "0.7")
                .containsEntry("+sip.instance", "\"<urn:uuid:1;2>\"").containsEntry("lr", "");
    }

    @Test
    void headersMatchCompactAndCaseInsensitiveNames() {
        SipHeaders h = new SipHeaders();
        h.add("i", "c1").add("v", "SIP/2.0/UDP a").add("VIA", "SIP/2.0/UDP b, SIP/2.0/UDP c");
        assertThat(h.get("call-id")).isEqualTo("c1");
        assertThat(h.all().get(0).name()).isEqualTo("Call-ID");
        assertThat(h.values("Via")).containsExactly("SIP/2.0/UDP a", "SIP/2.0/UDP b", "SIP/2.0/UDP c");
        assertThat(h.removeFirstValue("v")).isEqualTo("SIP/2.0/UDP a");
        assertThat(h.values("Via")).containsExactly("SIP/2.0/UDP b", "SIP/2.0/UDP c");
    }

    @Test
    void replaceFirstValueRewritesOnlyTheTopElement() {
        SipHeaders h = new SipHeaders();
        h.add("Via", "SIP/2.0/UDP a;rport, SIP/2.0/UDP b").add("Via", "SIP/2.0/UDP c");
        assertThat(h.replaceFirstValue("v", "SIP/2.0/UDP a;rport=1")).isTrue();
        assertThat(h.getAll("Via")).containsExactly("SIP/2.0/UDP a;rport=1, SIP/2.0/UDP b", "SIP/2.0/UDP c");
        assertThat(h.replaceFirstValue("Route", "x")).isFalse();
    }

    @Test
    void cseqAndDeltas() throws Exception {
        assertThat(CSeq.parse(" 4711  INVITE ")).isEqualTo(new CSeq(4711, "INVITE"));
        assertThatThrownBy(() -> CSeq.parse("4294967296 INVITE")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> CSeq.parse("1 IN VITE")).isInstanceOf(SipParseException.class);
        assertThat(SipMessage.parseDelta("99999999999", "Expires")).isEqualTo(0xffffffffL);
    }

    @Test
    void responsesCopyTheTransactionHeaders() throws Exception {
        SipRequest r = new SipRequest("OPTIONS", SipUri.sip(null, "example.net", -1));
        r.addHeader("Via", "SIP/2.0/UDP a;branch=z9hG4bK1").addHeader("Via", "SIP/2.0/UDP b");
        r.addHeader("From", "<sip:a@h>;tag=1").addHeader("To", "<sip:b@h>").addHeader("Call-ID", "x")
                .addHeader("CSeq", "2 OPTIONS").addHeader("Subject", "not copied");
        SipResponse resp = Responses.create(r, 404);
        Responses.ensureToTag(resp, "t9");
        assertThat(resp.startLine()).isEqualTo("SIP/2.0 404 Not Found");
        assertThat(resp.headers().getAll("Via")).hasSize(2);
        assertThat(resp.to().tag()).isEqualTo("t9");
        assertThat(resp.header("Subject")).isNull();
    }
}
