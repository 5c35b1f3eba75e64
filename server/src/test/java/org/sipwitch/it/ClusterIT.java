package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real daemons sharing one real {@code redis-server}: a phone registered over TCP
 * at node 1 is called by a sipp phone at node 2 and answers over its own connection;
 * {@code registry} at node 3 lists both with their nodes; {@code kill -9} of node 1 gives
 * {@code 480} at once, the phone registers at node 2 and is called again; Redis stopped
 * and started during a sipp registration run loses nothing. The steps build on each other
 * (one cluster, started once), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final String REDIS_PASSWORD = "redis-pw-7f3a9c1e";
    static final String CLUSTER_SECRET = "node-secret-1b9e44d0a7";
    static final int LOAD_USERS = 40;
    @TempDir
    static Path work;
    static RedisProcess redis;
    static final DaemonProcess[] nodes = new DaemonProcess[4];
    /** alice only calls: her Contact is a port the test holds, so nobody else can take it. */
    static DatagramSocket aliceContact;
    static int calls;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        RedisProcess.assumeAvailable();
        redis = RedisProcess.start(work.resolve("redis"), REDIS_PASSWORD);
        for (int n = 1; n <= 3; n++) {
            nodes[n] = node(n);
        }
        aliceContact = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Sipp.registerOk(nodes[2], work, "alice", "alice-secret", aliceContact.getLocalPort());
    }

    static DaemonProcess node(int n) throws Exception {
        TestConfig config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").transports("udp tcp ws").stack("<ws><port>0</port></ws>")
                .section("<cluster><node>node" + n + "</node><redis>" + redis.uri() + "</redis><secret>"
                        + CLUSTER_SECRET + "</secret><liveness>1</liveness></cluster>\n");
        for (int i = 1; i <= LOAD_USERS; i++) {
            config.user(loadUser(i), null, "secret-" + i);
        }
        Path dir = Files.createDirectories(work.resolve("node" + n));
        return DaemonProcess.start(config.write(dir), dir);
    }

    static String loadUser(int i) {
        return String.format("u%03d", i);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DaemonProcess d : nodes) {
            if (d != null) {
                d.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (aliceContact != null) {
            aliceContact.close();
        }
    }

    static Tools.Result ctl(int node, String... args) throws Exception {
        return Tools.sipwitchctl(nodes[node], args);
    }

    static StreamPhone tcpPhone(int node, String user, String secret) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", nodes[node].port("tcp")), 5000);
        return new StreamPhone(user, secret, s, "TCP");
    }

    /** The phone answers one call: 180, 200 with SDP, waits for the ACK and the BYE, says 200 to it. */
    static CompletableFuture<String> answerOneCall(StreamPhone phone) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                StreamPhone.Msg invite = phone.readUntil(m -> m.isRequest("INVITE"));
                phone.send(invite.response(180, "Ringing", "bobtag", "", ""));
                String sdp = "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 4002 RTP/AVP 0\r\n";
                phone.send(invite.response(200, "OK", "bobtag", "Contact: " + phone.contact()
                        + "\r\nContent-Type: application/sdp\r\n", sdp));
                phone.readUntil(m -> m.isRequest("ACK"));
                StreamPhone.Msg bye = phone.readUntil(m -> m.isRequest("BYE"));
                phone.send(bye.response(200, "OK", null, "", ""));
                return invite.startLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** alice (registered at node 2, from loopback: trusted) places one call through that node; it must pass. */
    static void call(int node, String scenario, String target) throws Exception {
        try (Sipp.Phone alice = Sipp.start(nodes[node], work, "alice-" + ++calls, scenario, 20, "-s", target)) {
            alice.assertPassed();
        }
    }

    static StreamPhone bob;

    @Test
    @Order(1)
    void phoneAtNodeOneIsCalledFromNodeTwoAndEveryNodeListsBoth() throws Exception {
        bob = tcpPhone(1, "bob", "bob-secret");
        assertThat(bob.register(600)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String registry = ctl(3, "registry").out();
            assertThat(registry).containsPattern("(?m)^202\\s+bob\\s.*\\stcp\\s.*\\snode1\\s")
                    .containsPattern("(?m)^201\\s+alice\\s.*\\sudp\\s.*\\snode2\\s");
        });

        CompletableFuture<String> answered = answerOneCall(bob);
        call(2, "call-uac.xml", "202");
        // node 1 called bob over bob's own TCP connection, at the Contact he registered
        assertThat(answered.get(10, TimeUnit.SECONDS)).startsWith("INVITE sip:bob@" + bob.local());
    }

    @Test
    @Order(2)
    void operatorMessageFromNodeThreeReachesThePhoneAtNodeOne() throws Exception {
        CompletableFuture<StreamPhone.Msg> got = CompletableFuture.supplyAsync(() -> {
            try {
                StreamPhone.Msg m = bob.readUntil(x -> x.isRequest("MESSAGE"));
                bob.send(m.response(200, "OK", "msgtag", "", ""));
                return m;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Tools.Result r = ctl(3, "message", "202", "hello across nodes");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(got.get(10, TimeUnit.SECONDS).body()).isEqualTo("hello across nodes");
    }

    @Test
    @Order(3)
    void browserPhoneAtNodeThreeIsCalledFromNodeTwoOverItsWebSocket() throws Exception {
        // a browser's Contact names an .invalid host: only node 3, which holds the connection, can reach it
        try (WsPhone carol = WsPhone.open("carol", "carol-secret", nodes[3].port("ws"))) {
            assertThat(carol.register(600)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(ctl(2, "registry").out()).containsPattern("(?m)^203\\s+carol\\s.*\\sws\\s.*\\snode3\\s"));
            CompletableFuture<String> answered = answerOneCall(carol);
            call(2, "call-uac.xml", "203");
            assertThat(answered.get(10, TimeUnit.SECONDS)).startsWith("INVITE " + carol.contact()
                    .replaceAll("^<|>$", "") + " SIP/2.0");
        }
    }

    @Test
    @Order(4)
    void killedNodeGives480QuicklyAndThePhoneWorksAgainAtAnotherNode() throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(nodes[1].pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(nodes[1].waitFor(Duration.ofSeconds(10))).isNotZero();
        bob.close();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(ctl(2, "cluster").out()).containsPattern("(?m)^node1\\s+down\\s"));
        // each node sees the death at its own next look at Redis: node 3's may come a beat after node 2's
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(ctl(3, "registry").out()).containsPattern("(?m)^202\\s+bob\\s.*\\snode1\\(down\\)\\s"));

        long before = System.nanoTime();
        call(2, "call-uac-refused.xml", "202");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

        bob = tcpPhone(2, "bob", "bob-secret"); // DNS SRV failover, as the phone would do it
        assertThat(bob.register(600)).isEqualTo(200);
        CompletableFuture<String> answered = answerOneCall(bob);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(ctl(3, "registry").out()).containsPattern("(?m)^202\\s+bob\\s.*\\snode2\\s"));
        // from node 3 now: the call hops to node 2, which holds bob's new connection
        call(3, "call-uac.xml", "202");
        assertThat(answered.get(10, TimeUnit.SECONDS)).startsWith("INVITE sip:bob@" + bob.local());
        bob.close();
    }

    @Test
    @Order(5)
    void redisStoppedAndStartedDuringASippRunLosesNoRegistration() throws Exception {
        Path users = work.resolve("users.csv");
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 1; i <= LOAD_USERS; i++) {
            // sipp takes per-user credentials from the file only as a whole [authentication] keyword
            csv.append(loadUser(i)).append(";[authentication username=").append(loadUser(i)).append(" password=secret-")
                    .append(i).append("];\n");
        }
        Files.writeString(users, csv.toString(), StandardCharsets.UTF_8);
        Sipp.Phone sipp = Sipp.Phone.start(work, "load", List.of("127.0.0.1:" + nodes[2].port("udp"), "-sf",
                Sipp.scenario("register-users.xml").toString(), "-inf", users.toString(), "-i", "127.0.0.1",
                "-m", Integer.toString(LOAD_USERS), "-r", "8"), 40);
        int port = sipp.port();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ctl(2, "registry").out().contains("u003"));
            redis.stop();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                Tools.Result check = ctl(2, "check");
                assertThat(check.status()).isNotZero();
                assertThat(check.out()).contains("FAIL cluster").contains("serving this node's phones");
            });
            // the node goes on registering its phones while the store is away
            String during = ctl(2, "registry").out();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(ctl(2, "registry").out()) > count(during));
            assertThat(ctl(2, "policy").out()).contains("cluster").contains("down");
            redis.restart();
            sipp.assertPassed();
        } finally {
            sipp.close();
        }
        // every one of them is in the (restarted, empty at first) store again, held by node 2
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (int i = 1; i <= LOAD_USERS; i++) {
                assertThat(redis.cli("HGET", "sipwitch:loc:" + loadUser(i), "node2"))
                        .as(loadUser(i)).contains(loadUser(i) + "@127.0.0.1:" + port);
            }
        });
        assertThat(ctl(2, "check").status()).isZero();
    }

    private static long count(String registry) {
        return registry.lines().filter(l -> l.matches("^\\s*u\\d{3}.*|^\\S*\\s+u\\d{3}\\s.*")).count();
    }

    @Test
    @Order(6)
    void neitherTheRedisPasswordNorTheClusterSecretIsEverShown() throws Exception {
        assertThat(ctl(2, "dump").out()).contains("cluster.redis = redis://127.0.0.1:" + redis.port())
                .doesNotContain(REDIS_PASSWORD).doesNotContain(CLUSTER_SECRET);
        for (int n = 1; n <= 3; n++) {
            String logs = String.join("\n", nodes[n].stdout()) + String.join("\n", nodes[n].stderr());
            assertThat(logs).as("node" + n + " logs").doesNotContain(REDIS_PASSWORD).doesNotContain(CLUSTER_SECRET);
        }
    }
}
