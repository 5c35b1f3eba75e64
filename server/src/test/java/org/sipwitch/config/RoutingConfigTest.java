package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <gateway>}, {@code <group>}, {@code <forwarding>}, {@code <dial>}, {@code <templates>} and the dial plan's rules. */
class RoutingConfigTest {
    static final String GATEWAY = "<gateway id=\"itsp\"><proxy>127.0.0.1:5070;transport=tcp</proxy>"
            + "<user>15551230000</user><secret>very-secret-trunk</secret><register>300</register>"
            + "<caller-id>15551230000</caller-id><assert>yes</assert><incoming>alice</incoming></gateway>";

    @TempDir
    Path dir;

    private SipwitchConfig load(String body) throws ConfigException {
        return ConfigLoader.load(main(dir, "<sipwitch>" + body + "</sipwitch>"));
    }

    @Test
    void aGatewayIsReadAndItsSecretNeverPrinted() throws Exception {
        SipwitchConfig c = load("<provision><user id=\"alice\"><secret>a</secret></user>" + GATEWAY + "</provision>");
        GatewayConfig g = c.gateway("itsp").orElseThrow();
        assertThat(g.proxyHost()).isEqualTo("127.0.0.1");
        assertThat(g.proxyPort()).isEqualTo(5070);
        assertThat(g.transport()).isEqualTo("tcp");
        assertThat(g.domain()).isEqualTo("127.0.0.1"); // default: the proxy host
        assertThat(g.register()).isEqualTo(300);
        assertThat(g.assertIdentity()).isTrue();
        assertThat(g.incoming()).contains("alice");
        assertThat(g.toString()).doesNotContain("very-secret-trunk");
        assertThat(String.join("\n", ConfigDump.lines(c))).contains("provision.gateway = itsp")
                .doesNotContain("very-secret-trunk");
    }

    @Test
    void rulesTakeStripPrefixAndState() throws Exception {
        SipwitchConfig c = load("<provision>" + GATEWAY.replace("<incoming>alice</incoming>", "") + "</provision>"
                + "<routing><route state=\"night\"><pattern>0xx*</pattern><strip>1</strip><prefix>44</prefix>"
                + "<target>gateway:itsp</target></route></routing>");
        RouteRule r = c.routing().get(0);
        assertThat(r.state()).contains("night");
        assertThat(r.pattern()).isEqualTo("0xx*");
        assertThat(r.strip()).isEqualTo(1);
        assertThat(r.prefix()).isEqualTo("44"); // what they do to a number: sip.routing RuleTest
    }

    @Test
    void templatesGiveTheDefaultDialRightAndUsersOverrideIt() throws Exception {
        SipwitchConfig c = load("<templates><user><dial>external</dial></user></templates><provision>"
                + "<user id=\"a\"><secret>x</secret></user><user id=\"b\"><secret>x</secret><dial>internal</dial>"
                + "<forwarding><na>a</na><busy>9555</busy></forwarding></user></provision>");
        assertThat(c.users().byId("a").orElseThrow().dial()).isEqualTo(DialRight.EXTERNAL);
        ProvisionedUser b = c.users().byId("b").orElseThrow();
        assertThat(b.dial()).isEqualTo(DialRight.INTERNAL);
        assertThat(b.forwarding().na()).contains("a");
        assertThat(b.forwarding().busy()).contains("9555");
        assertThat(load("<provision><user id=\"a\"><secret>x</secret></user></provision>").users().byId("a")
                .orElseThrow().dial()).isEqualTo(DialRight.INTERNAL); // no template: safe by default
    }

    @Test
    void groupsShareTheNamespaceAndNameProvisionedMembers() throws Exception {
        SipwitchConfig c = load("<provision><user id=\"a\"><extension>201</extension><secret>x</secret></user>"
                + "<group id=\"sales\"><extension>250</extension><member>201</member><mode>sequential</mode>"
                + "<ring>3</ring><forwarding><na>a</na></forwarding></group></provision>");
        GroupConfig g = c.groups().get(0);
        assertThat(g.sequential()).isTrue();
        assertThat(g.rings()).isEqualTo(3);
        assertThat(g.forwardNa()).isEqualTo(Optional.of("a"));
        assertThatThrownBy(() -> load("<provision><user id=\"a\"><secret>x</secret></user>"
                + "<group id=\"a\"><member>a</member></group></provision>"))
                .hasMessageContaining("group id \"a\"").hasMessageContaining("already taken");
        assertThatThrownBy(() -> load("<provision><group id=\"g\"><member>nobody</member></group></provision>"))
                .hasMessageContaining("\"nobody\"").hasMessageContaining("no provisioned user");
    }

    @Test
    void mistakesAreReportedWithFileAndLineAndNoSecret() {
        assertThatThrownBy(() -> load("<routing><route><pattern>9*</pattern><target>gateway:nope</target></route>"
                + "</routing>")).hasMessageContaining("sipwitch.xml:1").hasMessageContaining("gateway:nope");
        assertThatThrownBy(() -> load("<routing><route><pattern>9*</pattern><target>reject:99</target></route>"
                + "</routing>")).hasMessageContaining("reject:CODE");
        assertThatThrownBy(() -> load("<provision><gateway id=\"g\"><proxy>bad host</proxy><user>u</user>"
                + "<secret>s3cr3t-value</secret></gateway></provision>")).hasMessageContaining("<proxy>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
        assertThatThrownBy(() -> load("<provision><gateway id=\"g\"><proxy>h</proxy><user>u</user></gateway>"
                + "</provision>")).hasMessageContaining("needs a <secret> or a <digest>");
        assertThatThrownBy(() -> load("<provision><user id=\"a\"><secret>x</secret><dial>world</dial></user>"
                + "</provision>")).hasMessageContaining("<dial> must be internal or external");
        assertThatThrownBy(() -> load("<routing><route state=\"Night!\"><pattern>1</pattern><target>reject:404"
                + "</target></route></routing>")).hasMessageContaining("state id");
    }
}
