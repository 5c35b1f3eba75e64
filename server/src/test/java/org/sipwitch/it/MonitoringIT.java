package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;

/**
 * What the people who run the daemon watch it with, against a real daemon after real
 * sipp registrations and a real call: every {@code sipwitchctl --json} output parses and
 * equals the MBean's value read over remote JMX, and a scrape of {@code /metrics}
 * parses as Prometheus text and shows the numbers the MBeans show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static DaemonProcess daemon;
    static JMXConnector jmx;
    static MBeanServerConnection mbs;
    static final List<Sipp.Phone> sipps = new ArrayList<>();
    static DatagramSocket aliceContact;
    static final List<javax.management.Notification> cdrNotifications =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    static Sipp.Phone alice;
    static Sipp.Phone bob;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .section("  <jmx><interface>127.0.0.1</interface><port>0</port></jmx>\n")
                .section("  <metrics><interface>127.0.0.1</interface><port>0</port></metrics>\n").write(work);
        daemon = DaemonProcess.start(config, work);
        jmx = Tools.jmx(daemon, "control");
        mbs = jmx.getMBeanServerConnection();
        mbs.addNotificationListener(ObjectNames.HISTORY, (n, h) -> cdrNotifications.add(n), null, null);
        mbs.invoke(ObjectNames.TRACE, "trace", new Object[] {"on"}, new String[] {String.class.getName()});
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Sipp.registerOk(daemon, work, "alice", "alice-secret", aliceContact.getLocalPort());
        bob = background("bob", "call-uas.xml");
        Sipp.registerOk(daemon, work, "bob", "bob-secret", bob.port());
        // one wrong password: a failed authentication for the counters
        Sipp.Result refused = Sipp.register(daemon, work, "register-refused.xml", "bob", "wrong",
                aliceContact.getLocalPort());
        assertThat(refused.passed()).as(refused.output()).isTrue();
        alice = background("alice", "call-uac-held.xml", "-s", "202");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> ((String) mbs.getAttribute(ObjectNames.CALLS, "Status")).contains("j"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
        if (aliceContact != null) {
            aliceContact.close();
        }
        if (jmx != null) {
            try {
                jmx.close();
            } catch (java.io.IOException ignored) {
                // the daemon was killed
            }
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    static Sipp.Phone background(String name, String scenario, String... extra) throws Exception {
        Sipp.Phone p = Sipp.start(daemon, work, name, scenario, 30, extra);
        sipps.add(p);
        return p;
    }

    static JsonNode ctlJson(String... args) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    @Order(1)
    void everyJsonOutputParsesAndEqualsTheMBeanValue() throws Exception {
        Map<String, Object[]> verbs = Map.of(
                "usercache", new Object[] {ObjectNames.REGISTRY, "UserCache"},
                "stats", new Object[] {ObjectNames.STATS, "Stats"},
                "pstats", new Object[] {ObjectNames.STATS, "PeriodicStats"},
                "status", new Object[] {ObjectNames.CALLS, "Status"},
                "policy", new Object[] {ObjectNames.POLICY, "Policy"},
                "dump", new Object[] {ObjectNames.CONFIG, "EffectiveConfig"},
                "siplog", new Object[] {ObjectNames.TRACE, "Messages"});
        for (var e : verbs.entrySet()) {
            String attribute = (String) e.getValue()[1];
            JsonNode printed = ctlJson("--json", e.getKey());
            assertThat(printed).as(e.getKey()).isEqualTo(tree(attribute,
                    mbs.getAttribute((ObjectName) e.getValue()[0], attribute)));
        }
        // a binding's "expires" counts down: read JMX before and after, the JSON must lie between
        Object registryBefore = mbs.getAttribute(ObjectNames.REGISTRY, "Registrations");
        JsonNode registry = ctlJson("--json", "registry");
        JsonNode registryAfter = tree("Registrations", mbs.getAttribute(ObjectNames.REGISTRY, "Registrations"));
        JsonNode before = tree("Registrations", registryBefore);
        assertThat(registry).hasSize(2);
        for (int i = 0; i < registry.size(); i++) {
            assertThat(registry.get(i).get("expires").asLong()).isBetween(registryAfter.get(i).get("expires").asLong(),
                    before.get(i).get("expires").asLong());
            ((ObjectNode) registry.get(i)).remove("expires");
            ((ObjectNode) registryAfter.get(i)).remove("expires");
        }
        assertThat(registry).isEqualTo(registryAfter);
        assertThat(ctlJson("--json", "siplog").size()).isGreaterThanOrEqualTo(8);

        JsonNode history = ctlJson("-F", "json", "history");
        assertThat(history).isEqualTo(tree("history", mbs.invoke(ObjectNames.HISTORY, "history",
                new Object[] {0}, new String[] {"int"})));

        // the call's duration ticks: read JMX before and after, the JSON must lie between
        long started = callDuration(mbs.getAttribute(ObjectNames.CALLS, "Calls"));
        JsonNode calls = ctlJson("--json", "calls");
        Object after = mbs.getAttribute(ObjectNames.CALLS, "Calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("duration").asLong()).isBetween(started, callDuration(after));
        ((ObjectNode) calls.get(0)).remove("duration");
        ObjectNode expected = (ObjectNode) tree("Calls", after).get(0);
        expected.remove("duration");
        assertThat(calls.get(0)).isEqualTo(expected);
        assertThat(calls.get(0).get("source").asText()).contains("alice");

        // check's details count threads, which come and go: the subjects and verdicts must agree
        JsonNode check = ctlJson("--json", "check");
        JsonNode jmxCheck = tree("check", mbs.invoke(ObjectNames.SERVER, "check", new Object[0], new String[0]));
        assertThat(check.findValuesAsText("subject")).isEqualTo(jmxCheck.findValuesAsText("subject"));
        assertThat(check.findValues("ok")).isEqualTo(jmxCheck.findValues("ok"));
    }

    @Test
    @Order(2)
    void metricsScrapeParsesAndShowsTheMBeansNumbers() throws Exception {
        PrometheusText m = PrometheusText.parse(scrape());
        // registrations: the Registry MBean's bindings
        CompositeData[] registrations = (CompositeData[]) mbs.getAttribute(ObjectNames.REGISTRY, "Registrations");
        assertThat(m.value("sipwitch_bindings", "transport", "udp")).isEqualTo(registrations.length).isEqualTo(2);
        assertThat(m.value("sipwitch_registered_users")).isEqualTo(2);
        // calls: the Stats MBean's system entity, while the call is up
        CompositeData system = systemStats();
        assertThat(m.value("sipwitch_calls_total")).isEqualTo(((Number) system.get("inTotal")).doubleValue())
                .isEqualTo(1);
        assertThat(m.value("sipwitch_calls_active")).isEqualTo(((Number) system.get("current")).doubleValue())
                .isEqualTo(1);
        assertThat(m.value("sipwitch_calls_peak")).isEqualTo(1);
        // traffic: two phones registered with a challenge each, one more was refused twice; on a
        // busy machine sipp may resend over UDP, and the trace (on since the start) saw each copy
        assertThat(m.value("sipwitch_sip_requests_total", "direction", "in", "method", "REGISTER"))
                .isEqualTo(traced("in", "REGISTER ")).isGreaterThanOrEqualTo(6);
        assertThat(m.value("sipwitch_sip_responses_total", "direction", "out", "code", "401"))
                .isEqualTo(traced("out", "SIP/2.0 401 ")).isGreaterThanOrEqualTo(4);
        assertThat(m.value("sipwitch_sip_requests_total", "direction", "in", "method", "INVITE"))
                .isEqualTo(traced("in", "INVITE ")).isGreaterThanOrEqualTo(1);
        assertThat(m.value("sipwitch_sip_requests_total", "direction", "out", "method", "INVITE"))
                .isEqualTo(traced("out", "INVITE ")).isGreaterThanOrEqualTo(1);
        assertThat(m.value("sipwitch_sip_responses_total", "direction", "in", "code", "200")).isGreaterThanOrEqualTo(1);
        assertThat(m.value("sipwitch_transactions", "kind", "server")).isGreaterThanOrEqualTo(0);
        // security: the Policy MBean's counters
        Map<String, Double> policy = policyCounters();
        assertThat(m.value("sipwitch_auth_failures_total")).isEqualTo(policy.get("auth-failures")).isEqualTo(1);
        assertThat(m.value("sipwitch_access_decisions_total", "decision", "allowed"))
                .isEqualTo(policy.get("allowed"));
        assertThat(m.value("sipwitch_access_refusals_total", "reason", "rate_limited"))
                .isEqualTo(policy.get("rate-limited"));
        assertThat(m.value("sipwitch_access_refusals_total", "reason", "overloaded"))
                .isEqualTo(policy.get("overloaded"));
        assertThat(m.value("sipwitch_blocked_sources")).isZero();
        // the JVM's standard metrics come along
        assertThat(m.type("jvm_threads_current")).isEqualTo("gauge");
        assertThat(m.value("jvm_threads_current")).isPositive();
        // no user name or address ever becomes a label
        assertThat(m.series()).noneMatch(s -> s.contains("alice") || s.contains("bob") || s.contains("127.0.0.1"));
    }

    @Test
    @Order(3)
    void droppingTheCallShowsInTheMetrics() throws Exception {
        assertThat(Tools.sipwitchctl(daemon, "drop", "alice").status()).isZero();
        alice.assertPassed();
        bob.assertPassed();
        await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusText.parse(scrape())
                .value("sipwitch_calls_active") == 0);
        PrometheusText m = PrometheusText.parse(scrape());
        assertThat(m.value("sipwitch_calls_peak")).isEqualTo(1);
        assertThat(m.value("sipwitch_sip_requests_total", "direction", "out", "method", "BYE")).isEqualTo(2);
        assertThat(m.value("sipwitch_calls_active")).isEqualTo(((Number) systemStats().get("current")).doubleValue());
    }

    @Test
    @Order(4)
    void theEndedCallLeftOneCallDetailRecordThatKillNineDoesNotLose() throws Exception {
        Path file = daemon.stateDir().resolve("cdr").resolve(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + ".jsonl");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && !Files.readString(file).isEmpty());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode cdr = JSON.readTree(lines.get(0));
        assertThat(cdr.get("caller").asText()).isEqualTo("alice");
        assertThat(cdr.get("callee").asText()).isEqualTo("bob");
        assertThat(cdr.get("dialled").asText()).isEqualTo("202");
        assertThat(cdr.get("gateway").asText()).isEmpty();
        assertThat(cdr.get("status").asInt()).isEqualTo(200);
        assertThat(cdr.get("reason").asText()).isEqualTo("dropped");
        java.time.Instant started = java.time.Instant.parse(cdr.get("started").asText());
        java.time.Instant answered = java.time.Instant.parse(cdr.get("answered").asText());
        java.time.Instant ended = java.time.Instant.parse(cdr.get("ended").asText());
        assertThat(started).isBeforeOrEqualTo(answered);
        assertThat(answered).isBefore(ended);
        assertThat(cdr.get("duration").asLong()).isEqualTo(Duration.between(answered, ended).toSeconds());
        assertThat(cdr.get("callerAddress").asText()).startsWith("udp:127.0.0.1:");
        assertThat(cdr.get("calleeAddress").asText()).startsWith("udp:127.0.0.1:");
        // the same record in the History MBean's Cdr view, and as one notification with the line
        CompositeData[] recent = (CompositeData[]) mbs.getAttribute(ObjectNames.HISTORY, "Cdr");
        assertThat(recent).hasSize(1);
        assertThat(recent[0].get("callId")).isEqualTo(cdr.get("callId").asText());
        assertThat(recent[0].get("ended")).isEqualTo(cdr.get("ended").asText());
        await().atMost(Duration.ofSeconds(5)).until(() -> !cdrNotifications.isEmpty());
        assertThat(cdrNotifications).hasSize(1);
        assertThat(cdrNotifications.get(0).getType()).isEqualTo("sipwitch.cdr");
        assertThat(cdrNotifications.get(0).getMessage()).isEqualTo(lines.get(0));
        // the outcome counted for /metrics from the same record
        assertThat(PrometheusText.parse(scrape()).value("sipwitch_calls_ended_total", "outcome", "dropped"))
                .isEqualTo(1);

        // kill -9: nothing buffered in the daemon, the written line is whole
        String before = Files.readString(file);
        assertThat(new ProcessBuilder("kill", "-9", Long.toString(daemon.pid())).start().waitFor()).isZero();
        assertThat(daemon.waitFor(Duration.ofSeconds(10))).isEqualTo(137);
        assertThat(Files.readString(file)).isEqualTo(before).endsWith("}\n");
    }

    // --- helpers -------------------------------------------------------------

    static String scrape() throws Exception {
        String url = daemon.stdout().stream().filter(l -> l.contains("listening on http://"))
                .map(l -> l.substring(l.indexOf("http://"))).findFirst().orElseThrow();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    static CompositeData systemStats() throws Exception {
        for (CompositeData cd : (CompositeData[]) mbs.getAttribute(ObjectNames.STATS, "Stats")) {
            if (cd.get("name").equals("system")) {
                return cd;
            }
        }
        throw new AssertionError("no system entity");
    }

    /** How many messages the Trace MBean captured in {@code direction} whose first line starts so. */
    static double traced(String direction, String start) throws Exception {
        return Arrays.stream((CompositeData[]) mbs.getAttribute(ObjectNames.TRACE, "Messages"))
                .filter(e -> e.get("direction").equals(direction) && ((String) e.get("text")).startsWith(start))
                .count();
    }

    static Map<String, Double> policyCounters() throws Exception {
        CompositeData p = (CompositeData) mbs.getAttribute(ObjectNames.POLICY, "Policy");
        Map<String, Double> out = new HashMap<>();
        for (CompositeData e : (CompositeData[]) p.get("entries")) {
            if (e.get("list").equals("counter")) {
                String[] f = ((String) e.get("detail")).split(" ");
                out.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return out;
    }

    static long callDuration(Object calls) {
        return ((Number) ((CompositeData[]) calls)[0].get("duration")).longValue();
    }

    /** Open data as a Jackson tree, written here independently of the daemon's encoder. */
    static JsonNode tree(String member, Object value) {
        if (value instanceof CompositeData || value instanceof TabularData
                || value != null && value.getClass().isArray()) {
            return node(value);
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set(member, node(value));
        return wrapped;
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        } else if (value instanceof CompositeData cd) {
            ObjectNode o = f.objectNode();
            for (String key : cd.getCompositeType().keySet()) {
                o.set(key, node(cd.get(key)));
            }
            return o;
        } else if (value instanceof TabularData t) {
            ArrayNode a = f.arrayNode();
            t.values().forEach(row -> a.add(node(row)));
            return a;
        } else if (value.getClass().isArray()) {
            ArrayNode a = f.arrayNode();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(node(Array.get(value, i)));
            }
            return a;
        } else if (value instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (value instanceof Integer i) {
            return f.numberNode(i);
        } else if (value instanceof Long l) {
            // as a JSON parser reads it back: an int when it fits
            return l == l.intValue() ? f.numberNode(l.intValue()) : f.numberNode(l);
        }
        return f.textNode(value.toString());
    }
}
