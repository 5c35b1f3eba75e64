package org.sipwitch.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the cheaper parse relies on: known names and methods come back as the shared
 * constants, the top list element is found without splitting the line, regions parse
 * like the substrings they replace, and a typed parse lives exactly as long as its line.
 */
class ParseSharingTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void knownHeaderNamesFromBytesInAnyCaseAndCompactForm() {
        for (String spelling : List.of("Via", "VIA", "via", "v", "V", "Call-ID", "call-id", "i", "CSeq",
                "Content-Length", "l", "WWW-Authenticate", "P-Asserted-Identity", "x", "Session-Expires")) {
            byte[] b = ascii(spelling);
            assertThat(HeaderNames.known(b, b.length)).as(spelling).isSameAs(HeaderNames.canonical(spelling));
        }
        for (String unknown : List.of("X-Custom", "Vias", "", "q", "Content-Lengthy", "Call-I")) {
            byte[] b = ascii(unknown);
            assertThat(HeaderNames.known(b, b.length)).as(unknown).isNull();
        }
    }

    @Test
    void knownHeaderNameLooksOnlyAtTheGivenLength() {
        byte[] b = ascii("ToXXXXXX");
        assertThat(HeaderNames.known(b, 2)).isSameAs(HeaderNames.TO);
    }

    @Test
    void everyKnownNameInRandomCaseFindsTheSameCanonicalAsTheStringLookup() {
        Random random = new Random(7);
        for (String name : List.of(HeaderNames.ACCEPT, HeaderNames.ALLOW, HeaderNames.AUTHORIZATION,
                HeaderNames.CONTACT, HeaderNames.CONTENT_TYPE, HeaderNames.EXPIRES, HeaderNames.FROM,
                HeaderNames.MAX_FORWARDS, HeaderNames.RECORD_ROUTE, HeaderNames.ROUTE, HeaderNames.SUPPORTED,
                HeaderNames.USER_AGENT, "Subscription-State", "Allow-Events", "RAck", "Min-SE")) {
            StringBuilder mixed = new StringBuilder();
            for (char c : name.toCharArray()) {
                mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            byte[] b = ascii(mixed.toString());
            assertThat(HeaderNames.known(b, b.length)).as(mixed.toString()).isSameAs(name);
        }
    }

    @Test
    void knownMethodsAreSharedAndCaseSensitive() throws Exception {
        assertThat(SipMethods.known(ascii("INVITE"), 6)).isSameAs(SipMethods.INVITE);
        assertThat(SipMethods.known(ascii("invite"), 6)).isNull();
        assertThat(SipMethods.known(ascii("FOO"), 3)).isNull();
        assertThat(SipMethods.token("1 REGISTER", 2, 10)).isSameAs(SipMethods.REGISTER);
        assertThat(SipMethods.token("1 FOO", 2, 5)).isEqualTo("FOO");
        assertThat(CSeq.parse("7 BYE").method()).isSameAs(SipMethods.BYE);
    }

    @Test
    void firstOfListAgreesWithSplitList() {
        for (String v : List.of("SIP/2.0/UDP a", " SIP/2.0/UDP a , SIP/2.0/UDP b", ", , x", "", " , ",
                "\"a,b\" <sip:x,y>, c", "<sip:a>;q=1,<sip:b>", "\"unterminated, quote", "x,")) {
            List<String> all = HeaderValues.splitList(v);
            assertThat(HeaderValues.firstOfList(v)).as(v).isEqualTo(all.isEmpty() ? null : all.get(0));
        }
        String single = "SIP/2.0/UDP a;branch=z9hG4bK1";
        assertThat(HeaderValues.firstOfList(single)).as("no copy for a one-element line").isSameAs(single);
    }

    @Test
    void commonParameterNamesAreSharedConstantsInLowerCase() throws Exception {
        Via v = Via.parse("SIP/2.0/udp 192.0.2.1:5060;BRANCH=z9hG4bK1;RPort;X-Mine=1");
        assertThat(v.transport()).isSameAs("UDP");
        assertThat(v.branch()).isEqualTo("z9hG4bK1");
        assertThat(v.hasParam("rport")).isTrue();
        assertThat(v.param("x-mine")).isEqualTo("1");
        assertThat(v.toString()).isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport;x-mine=1");
    }

    @Test
    void addressesParseInPlaceLikeTrimmedCopies() throws Exception {
        NameAddress a = NameAddress.parse("  \"Al\" \t<SIP:al@Example.NET:5070;lr?subject=x>;tag=9 ;q=0.5  ");
        assertThat(a.display()).isEqualTo("Al");
        assertThat(a.uri().scheme()).isEqualTo("sip");
        assertThat(a.uri().host()).isEqualTo("example.net");
        assertThat(a.uri().port()).isEqualTo(5070);
        assertThat(a.uri().params()).containsOnlyKeys("lr");
        assertThat(a.uri().headers()).isEqualTo("subject=x");
        assertThat(a.params()).containsExactly(java.util.Map.entry("tag", "9"), java.util.Map.entry("q", "0.5"));
        NameAddress b = NameAddress.parse(" Bob <sips:bob:pw@[2001:db8::1]> ");
        assertThat(b.display()).isEqualTo("Bob");
        assertThat(b.uri().password()).isEqualTo("pw");
        assertThat(b.uri().host()).isEqualTo("[2001:db8::1]");
        NameAddress c = NameAddress.parse("tel:+4930123;phone-context=x;tag=1");
        assertThat(c.uri().user()).isEqualTo("+4930123");
        assertThat(c.tag()).as("addr-spec: parameters belong to the header").isEqualTo("1");
        assertThatThrownBy(() -> NameAddress.parse("sip:a@h?x=1")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> NameAddress.parse("\"A\" <sip:a@h")).isInstanceOf(SipParseException.class);
    }

    @Test
    void schemesMatchInAsciiCaseOnly() throws Exception {
        assertThat(SipUri.parse("SIPS:a@h").scheme()).isEqualTo("sips");
        assertThat(SipUri.parse("Tel:+1").isTel()).isTrue();
        // 'ſ' (long s) upper-cases to 'S': a case-insensitive regionMatches would take it for "sip"
        // and as 'ſ' is no scheme character at all, it is a bad scheme, not an unsupported one
        assertThatThrownBy(() -> SipUri.parse("\u017fip:a@h")).isInstanceOf(SipParseException.class)
                .isNotInstanceOf(UnsupportedSchemeException.class).hasMessage("Bad URI scheme");
        assertThatThrownBy(() -> SipUri.parse("http://h")).isInstanceOf(UnsupportedSchemeException.class)
                .hasMessage("Unsupported URI scheme http");
    }

    @Test
    void aTypedParseIsKeptWhileItsLineStandsAndDroppedWhenTheLineChanges() throws Exception {
        SipRequest r = new SipRequest("OPTIONS", SipUri.sip(null, "example.net", -1));
        r.addHeader("v", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b").addHeader("f", "<sip:a@h>;tag=1")
                .addHeader("t", "<sip:b@h>").addHeader("CSeq", "1 OPTIONS");
        assertThat(r.topVia()).isSameAs(r.topVia());
        assertThat(r.from()).isSameAs(r.from());
        assertThat(r.to()).isSameAs(r.to());
        assertThat(r.cseq()).isSameAs(r.cseq());
        NameAddress from = r.from();
        r.setHeader("From", "<sip:a@h>;tag=2");
        assertThat(r.from().tag()).isEqualTo("2");
        assertThat(r.from()).isNotSameAs(from);
        r.headers().removeFirstValue("Via");
        assertThat(r.topVia().host()).isEqualTo("b");
        r.headers().replaceFirstValue("Via", "SIP/2.0/TCP c");
        assertThat(r.topVia().transport()).isEqualTo("TCP");
    }

    @Test
    void aResponseSharesTheRequestsLinesAndTheirParses() throws Exception {
        SipRequest r = new SipRequest("INVITE", SipUri.sip("b", "h", -1));
        r.addHeader("Via", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b").addHeader("Via", "SIP/2.0/UDP c")
                .addHeader("From", "<sip:a@h>;tag=1").addHeader("To", "<sip:b@h>").addHeader("Call-ID", "x")
                .addHeader("CSeq", "5 INVITE").addHeader("Timestamp", "54");
        Via via = r.topVia();
        CSeq cseq = r.cseq();
        SipResponse trying = Responses.create(r, 100);
        assertThat(trying.topVia()).isSameAs(via);
        assertThat(trying.cseq()).isSameAs(cseq);
        assertThat(trying.headers().getAll("Via")).containsExactly("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b",
                "SIP/2.0/UDP c");
        assertThat(trying.header("Timestamp")).isEqualTo("54");
        SipResponse ringing = Responses.create(r, 180);
        assertThat(ringing.header("Timestamp")).isNull();
        Responses.ensureToTag(ringing, "t1");
        assertThat(ringing.to().tag()).isEqualTo("t1");
        assertThat(r.to().tag()).as("the request keeps its own To").isNull();
        assertThat(ringing.headers().all()).extracting(Header::name)
                .containsExactly("Via", "Via", "From", "To", "Call-ID", "CSeq");
    }

    @Test
    void aCopyOfTheHeadersGivesTheSameAnswersAndChangesApart() throws Exception {
        SipHeaders h = new SipHeaders();
        h.add("Via", "SIP/2.0/UDP a").add("To", "<sip:b@h>").add("Via", "SIP/2.0/UDP b");
        SipHeaders c = h.copy();
        c.set("To", "<sip:c@h>").addFirst("Via", "SIP/2.0/UDP z").remove("Nothing");
        assertThat(h.getAll("Via")).containsExactly("SIP/2.0/UDP a", "SIP/2.0/UDP b");
        assertThat(h.get("To")).isEqualTo("<sip:b@h>");
        assertThat(c.getAll("Via")).containsExactly("SIP/2.0/UDP z", "SIP/2.0/UDP a", "SIP/2.0/UDP b");
        assertThat(c.get("t")).isEqualTo("<sip:c@h>");
        SipHeaders empty = new SipHeaders().copy();
        empty.add("X-Grow", "1");
        assertThat(empty.get("x-grow")).isEqualTo("1");
    }

    @Test
    void setKeepsThePlaceOfTheFirstLineAndDropsTheOthers() {
        SipHeaders h = new SipHeaders();
        h.add("Route", "<sip:r1>").add("Via", "SIP/2.0/UDP a").add("route", "<sip:r2>").add("X-Y", "1");
        h.set("ROUTE", "<sip:r3>");
        assertThat(h.all()).extracting(Header::name).containsExactly("Route", "Via", "X-Y");
        assertThat(h.get("Route")).isEqualTo("<sip:r3>");
        assertThat(h.name(2)).isEqualTo("X-Y");
        assertThat(h.value(0)).isEqualTo("<sip:r3>");
        assertThat(h.at(1)).isEqualTo(new Header("Via", "SIP/2.0/UDP a"));
        assertThatThrownBy(() -> h.at(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unknownHeaderNamesMatchIgnoringCase() {
        SipHeaders h = new SipHeaders();
        h.add("X-Trace", "1").add("x-trace", "2");
        assertThat(h.getAll("X-TRACE")).containsExactly("1", "2");
        h.remove("x-Trace");
        assertThat(h.size()).isZero();
    }

    @Test
    void manyHeadersGrowTheTable() {
        SipHeaders h = new SipHeaders();
        for (int i = 0; i < 40; i++) {
            h.add("X-H" + i, Integer.toString(i));
        }
        h.addFirst("X-H0", "first");
        assertThat(h.size()).isEqualTo(41);
        assertThat(h.getAll("x-h0")).containsExactly("first", "0");
        assertThat(h.get("X-H39")).isEqualTo("39");
    }
}
