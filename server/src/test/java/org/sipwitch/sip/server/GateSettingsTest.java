package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.ConfigLoader;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.GateDecision;
import org.sipwitch.sip.security.GateDecision.Outcome;
import org.sipwitch.sip.security.GuardLimits;
import org.sipwitch.sip.security.TimeSource;

/** The gate built from a real config file, and rebuilt from a reloaded one. */
class GateSettingsTest {

    @TempDir
    Path dir;

    /** Stands still: the test only reconfigures, it never waits for a window to pass. */
    private final TimeSource time = new TimeSource() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long currentTimeMillis() {
            return 1_800_000_000_000L;
        }
    };

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

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
        AccessGate gate = GateSettings.gate(config, GuardLimits.defaults(), time);
        assertThat(gate.decide(ip("8.8.8.8"), "REGISTER", false).outcome()).isEqualTo(Outcome.REJECT_403);
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true).allowed()).isTrue();
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true).allowed()).isTrue();
        assertThat(gate.decide(ip("2001:db8::9"), "REGISTER", true))
                .isEqualTo(new GateDecision(Outcome.REJECT_503, GateDecision.Reason.RATE_LIMITED, 9));
        for (String user : java.util.List.of("alice", "bob", "carol")) { // three names: a scanner
            gate.authGuard().recordFailure(ip("192.168.7.7"), user);
        }
        assertThat(gate.decide(ip("192.168.7.7"), "INVITE", false).outcome()).isEqualTo(Outcome.REJECT_403);

        GateSettings.reconfigure(gate, load("<security><rate-limit>0</rate-limit></security>"));
        assertThat(gate.decide(ip("8.8.8.8"), "REGISTER", false).allowed()).isTrue();
        assertThat(gate.decide(ip("192.168.7.7"), "INVITE", false).outcome()).isEqualTo(Outcome.DROP);
        assertThat(gate.policyLines()).contains("rate-limit off (trusted exempt)",
                "auth-guard 10 failures of a user or 3 users from a source in 60s, lock/block 600s action drop"
                        + " (trusted never blocked)");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AccessGate gate = GateSettings.gate(ConfigLoader.defaults());
        assertThat(gate.rateLimiter().rate()).isEqualTo(50);
        assertThat(gate.rateLimiter().burst()).isEqualTo(100);
        assertThat(gate.overload().retryAfter()).isEqualTo(5);
        assertThat(gate.policyLines()).contains("queue-limit 10000 queue-delay 100ms retry-after 5s");
    }
}
