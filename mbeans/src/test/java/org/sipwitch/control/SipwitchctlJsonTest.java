package org.sipwitch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipwitch.mbeans.SipwitchNotifications;
import org.sipwitch.mbeans.TraceEntry;

/**
 * {@code sipwitchctl --json} through the real script and the real bridge over in-memory
 * MXBeans: what it prints parses as JSON and carries the MBeans' values under their
 * open-data item names; values longer than a reply line arrive whole.
 */
class SipwitchctlJsonTest extends RealBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode json(String shell, String... args) throws Exception {
        var r = new Sipwitchctl(shell, runDir, tmp).run(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void dataVerbsPrintTheOpenDataItems(String shell) throws Exception {
        JsonNode registry = json(shell, "--json", "registry");
        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.get(0).get("user").asText()).isEqualTo("alice");
        assertThat(registry.get(0).get("expires").asLong()).isEqualTo(3600);
        assertThat(registry.get(2).get("contact").asText()).isEqualTo("sip:bob@192.0.2.20:5060");

        JsonNode calls = json(shell, "-F", "json", "calls");
        assertThat(calls.get(0).get("id").asText()).isEqualTo("0000002a:2");
        assertThat(calls.get(0).get("started").asLong()).isEqualTo(InMemoryDaemon.T0);
        assertThat(calls.get(0).get("duration").asLong()).isEqualTo(75);

        assertThat(json(shell, "-Fjson", "stats").get(0).get("outTotal").asLong()).isEqualTo(5);
        assertThat(json(shell, "--format=json", "pstats").get(0).get("minutes").asInt()).isEqualTo(5);
        assertThat(json(shell, "--json", "status").get("Status").asText()).isEqualTo("j.......");
        assertThat(json(shell, "--json", "usercache").get(0).get("address").asText()).isEqualTo("192.0.2.10");
        JsonNode policy = json(shell, "--json", "policy");
        assertThat(policy.get("published").asText()).isEqualTo("192.0.2.1:5060");
        assertThat(policy.get("entries").get(0).get("list").asText()).isEqualTo("trusted");
        JsonNode history = json(shell, "--json", "history");
        assertThat(history.get("size").asInt()).isEqualTo(20);
        assertThat(history.get("lines").get(0).get("message").asText()).isEqualTo("bad nonce from 192.0.2.99");
        assertThat(json(shell, "--json", "dump").get("EffectiveConfig").asText()).contains("<realm>example.net</realm>");
        assertThat(json(shell, "--json", "check").get(0).get("ok").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aValueLongerThanAReplyLineArrivesWhole(String shell) throws Exception {
        // 20 kB of SIP message with non-ASCII text: split into continuation lines, never cut
        String body = "REGISTER sip:example.net SIP/2.0\r\nSubject: " + "h\u00e9llo \u4e16\u754c ".repeat(2000) + "\r\n\r\n";
        daemon.trace.add(new TraceEntry(InMemoryDaemon.T0, "in", "192.0.2.10:5060", "udp", body));
        JsonNode siplog = json(shell, "--json", "siplog");
        assertThat(siplog.get(0).get("text").asText()).isEqualTo(body);
        String text = new Sipwitchctl(shell, runDir, tmp).run("siplog").out();
        assertThat(text).contains("h\u00e9llo \u4e16\u754c ".repeat(2000).strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void jsonIsRefusedForVerbsWithoutIt(String shell) throws Exception {
        Sipwitchctl ctl = new Sipwitchctl(shell, runDir, tmp);
        var drop = ctl.run("--json", "drop", "0000002a:2");
        assertThat(drop.exit()).isEqualTo(1);
        assertThat(drop.err()).contains("'drop' has no JSON output");
        assertThat(ctl.run("-F", "yaml", "registry").exit()).isEqualTo(1);
        assertThat(ctl.run("--bogus", "registry").exit()).isEqualTo(1);
        assertThat(daemon.calls).hasSize(1);   // nothing was sent
        assertThat(ctl.run("--version").out()).isEqualTo("sipwitchctl " + SipwitchVersion.get() + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void eventsJsonIsOneObjectPerLine(String shell) throws Exception {
        Process p = new Sipwitchctl(shell, runDir, tmp).start("events", "--json");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // the stream starts after its first poll; events appended from now on are streamed
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                daemon.events.append(SipwitchNotifications.CALL_DROPPED, "call 0000002a:2 dropped: busy");
                return out.ready();
            });
            JsonNode e = JSON.readTree(out.readLine());
            assertThat(e.get("type").asText()).isEqualTo(SipwitchNotifications.CALL_DROPPED);
            assertThat(e.get("message").asText()).isEqualTo("call 0000002a:2 dropped: busy");
            assertThat(e.get("sequence").asLong()).isPositive();
            assertThat(e.get("time").asLong()).isPositive();
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
