package org.sipwitch.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipUriTest {

    @Test
    void sipUriWithUserPortParamsAndHeaders() throws Exception {
        SipUri u = SipUri.parse("sip:alice:secret@Example.NET:5070;transport=TCP;lr?subject=hi");
        assertThat(u.scheme()).isEqualTo("sip");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("example.net");
        assertThat(u.port()).isEqualTo(5070);
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.params()).containsKey("lr");
        assertThat(u.headers()).isEqualTo("subject=hi");
        assertThat(u.aor()).isEqualTo("sip:alice@example.net");
    }

    @Test
    void escapesAreKeptAsSentAndDecodedOnRequest() throws Exception {
        SipUri u = SipUri.parse("sip:%61lice%20b@example.net");
        assertThat(u.user()).isEqualTo("%61lice%20b");
        assertThat(u.userDecoded()).isEqualTo("alice b");
        assertThat(u.toString()).isEqualTo("sip:%61lice%20b@example.net");
        assertThat(SipUri.parse("sip:%C3%A9@h").userDecoded()).isEqualTo("é");
    }

    @Test
    void userPartMayContainSemicolons() throws Exception {
        SipUri u = SipUri.parse("sip:+1212555;phone-context=x@example.net;user=phone");
        assertThat(u.user()).isEqualTo("+1212555;phone-context=x");
        assertThat(u.param("user")).isEqualTo("phone");
    }

    @Test
    void ipv6ReferencesKeepBracketsInHostAndDropThemForSockets() throws Exception {
        SipUri u = SipUri.parse("sips:bob@[2001:DB8::1]:5061");
        assertThat(u.isSecure()).isTrue();
        assertThat(u.host()).isEqualTo("[2001:db8::1]");
        assertThat(u.hostAddress()).isEqualTo("2001:db8::1");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(SipUri.parse("sip:[::1]").portOr(5060)).isEqualTo(5060);
        assertThat(SipUri.parse("sip:[::ffff:192.0.2.1]:5060").hostAddress()).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void telUris() throws Exception {
        SipUri u = SipUri.parse("tel:+1-201-555-0123;phone-context=example.net");
        assertThat(u.isTel()).isTrue();
        assertThat(u.user()).isEqualTo("+1-201-555-0123");
        assertThat(u.host()).isNull();
        assertThat(u.param("phone-context")).isEqualTo("example.net");
        assertThat(u.toString()).isEqualTo("tel:+1-201-555-0123;phone-context=example.net");
    }

    @Test
    void equalityIgnoresCase() throws Exception {
        assertThat(SipUri.parse("sip:Alice@EXAMPLE.net")).isEqualTo(SipUri.parse("SIP:Alice@example.net"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.net", "http://example.net", "sip:", "sip:alice@", "sip:@h", "sip:%zz@h",
            "sip:%2@h", "sip:[2001:db8::g]", "sip:[::1", "sip:h:99999", "sip:h:", "sip:h:123456", "tel:",
            "sip:a b@h", "sip:h;=x"})
    void rejectsBrokenUris(String text) {
        assertThatThrownBy(() -> SipUri.parse(text)).isInstanceOf(SipParseException.class);
    }
}
