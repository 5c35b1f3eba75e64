package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sipwitch.mbeans.TraceEntry;

class SipTraceTest {

    private static final String REGISTER = "REGISTER sip:example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
            + "authorization: Digest username=\"alice\", realm=\"example.net\", nonce=\"abc\",\r\n"
            + "  uri=\"sip:example.net\", response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\"\r\n"
            + "Proxy-Authorization: Digest response=\"deadbeefdeadbeefdeadbeefdeadbeef\",username=bob\r\n"
            + "Content-Length: 27\r\n"
            + "\r\n"
            + "Authorization: body is kept";

    @Test
    void masksCredentialsButKeepsSchemeAndUsername() {
        String masked = AuthorizationMask.mask(REGISTER);
        assertThat(masked)
                .contains("authorization: Digest username=\"alice\", ****\r\n")
                .contains("Proxy-Authorization: Digest username=bob, ****\r\n")
                .doesNotContain("6629fae4").doesNotContain("deadbeef").doesNotContain("0a4f113b")
                .doesNotContain("nonce=\"abc\"").doesNotContain("  uri=")
                .contains("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n")
                .endsWith("\r\n\r\nAuthorization: body is kept");
    }

    @Test
    void masksWithoutUsernameAndWithBareLineFeeds() {
        assertThat(AuthorizationMask.mask("INVITE sip:x SIP/2.0\nAuthorization: Basic YWxhZGRpbjpvcGVu\n\n"))
                .isEqualTo("INVITE sip:x SIP/2.0\nAuthorization: Basic ****\n\n");
    }

    @Test
    void recordsOnlyWhileOnAndMasksWhatItStores() {
        SipTrace trace = new SipTrace(10, 1_000_000, () -> 42L);
        trace.record(SipTrace.Direction.IN, "192.0.2.1:5060", "udp", REGISTER);
        assertThat(trace.getMessages()).isEmpty();

        assertThat(trace.trace("on")).isTrue();
        trace.record(SipTrace.Direction.IN, "192.0.2.1:5060", "udp", REGISTER);
        trace.record(SipTrace.Direction.OUT, "192.0.2.1:5060", "udp", "SIP/2.0 200 OK\r\n\r\n");
        assertThat(trace.trace("off")).isFalse();
        trace.record(SipTrace.Direction.IN, "192.0.2.1:5060", "udp", REGISTER);

        assertThat(trace.getMessages()).hasSize(2);
        TraceEntry first = trace.getMessages().get(0);
        assertThat(first.time()).isEqualTo(42L);
        assertThat(first.direction()).isEqualTo("in");
        assertThat(first.peer()).isEqualTo("192.0.2.1:5060");
        assertThat(first.transport()).isEqualTo("udp");
        assertThat(first.text()).doesNotContain("6629fae4");
        assertThat(trace.getMessages().get(1).direction()).isEqualTo("out");

        trace.trace("clear");
        assertThat(trace.getMessages()).isEmpty();
        assertThatThrownBy(() -> trace.trace("sideways")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bufferIsBoundedByCountAndSize() {
        SipTrace trace = new SipTrace(3, 1_000_000, System::currentTimeMillis);
        trace.trace("on");
        for (int i = 0; i < 5; i++) {
            trace.record(SipTrace.Direction.IN, "p", "tcp", "OPTIONS " + i);
        }
        assertThat(trace.getMessages()).extracting(TraceEntry::text).containsExactly("OPTIONS 2", "OPTIONS 3", "OPTIONS 4");

        SipTrace small = new SipTrace(100, 25, System::currentTimeMillis);
        small.trace("on");
        for (int i = 0; i < 5; i++) {
            small.record(SipTrace.Direction.IN, "p", "tcp", "0123456789");
        }
        assertThat(small.getMessages()).hasSize(2);

        trace.record(SipTrace.Direction.IN, "p", "tcp", "x".repeat(SipTrace.MAX_MESSAGE + 10));
        assertThat(trace.getMessages().get(2).text()).endsWith("[... 10 more characters]");
    }

    @Test
    void enabledAttributeIsTheTraceSwitch() throws Exception {
        javax.management.MBeanServer mbs = javax.management.MBeanServerFactory.newMBeanServer();
        SipTrace trace = new SipTrace();
        javax.management.ObjectName name = org.sipwitch.mbeans.ObjectNames.TRACE;
        mbs.registerMBean(new org.sipwitch.mbeans.DescribedMXBean<>(org.sipwitch.mbeans.TraceMXBean.class, trace), name);
        assertThat(mbs.getAttribute(name, "Enabled")).isEqualTo(false);
        trace.trace("on");
        assertThat(mbs.getAttribute(name, "Enabled")).isEqualTo(true);
        mbs.setAttribute(name, new javax.management.Attribute("Enabled", false));
        assertThat(trace.isOn()).isFalse();
    }
}
