package org.sipwitch.sip.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.sip.security.Fixtures.ip;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.ConfigLoader;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.sip.security.GateDecision.Outcome;

/** The gate built from a real config file, and rebuilt from a reloaded one. */
class FromConfigTest {

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();

    private SipwitchConfig load(String body) throws Exception {
        Path file = dir.resolve("sipwitch.xml");
        Files.writeString(file, "<sipwitch>" + body + "</sipwitch>");
        return ConfigLoader.load(file);
    }

    @Test
    void buildsFromSecurityAndAccessSections() throws Exception {
        SipwitchConfig config = load("""
                <access><trusted>127.0.0.0/8</trusted><restricted>192.168.0.0/16 2001:db8::/32</restricted></access>
                <security><auth-failures>3</auth-failures><block-action>reject</block-action>
                  <rate-limit>2</rate-limit><rate-burst>2</rate-burst><retry-after>9</retry-after></security>
                """);
        AccessGate gate = AccessGate.fromConfig(config, GuardLimits.defaults(), time);
        assertThat(gate.decide(ip("8.8.8.8"), "REGISTER", false).outcome()).isEqualTo(Outcome.REJECT_403);
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true).allowed()).isTrue();
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true).allowed()).isTrue();
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true))
                .isEqualTo(new GateDecision(Outcome.REJECT_503, GateDecision.Reason.RATE_LIMITED, 9));
        for (int i = 0; i < 3; i++) {
            gate.authGuard().recordFailure(ip("192.168.7.7"), "alice");
        }
        assertThat(gate.decide(ip("192.168.7.7"), "INVITE", false).outcome()).isEqualTo(Outcome.REJECT_403);

        gate.reconfigure(load("<security><rate-limit>0</rate-limit></security>"));
        assertThat(gate.decide(ip("8.8.8.8"), "REGISTER", false).allowed()).isTrue();
        assertThat(gate.decide(ip("192.168.7.7"), "INVITE", false).outcome()).isEqualTo(Outcome.DROP);
        assertThat(gate.policyLines()).contains("rate-limit off (trusted exempt)",
                "auth-guard 10 failures in 60s block 600s action drop (trusted never blocked)");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AccessGate gate = AccessGate.fromConfig(ConfigLoader.defaults());
        assertThat(gate.rateLimiter().rate()).isEqualTo(50);
        assertThat(gate.rateLimiter().burst()).isEqualTo(100);
        assertThat(gate.overload().retryAfter()).isEqualTo(5);
        assertThat(gate.policyLines()).contains("queue-limit 10000 retry-after 5s");
    }
}
