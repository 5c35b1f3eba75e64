package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.it.Sipp;
import org.sipwitch.it.TestConfig;
import org.sipwitch.sip.server.SipServer;

/**
 * A load run with the real sipp on both ends: bob's sipp answers (UAS) on the port it
 * bound itself, registered there; alice's places 300 calls at 20 per second (UAC), each
 * with an SDP offer and answer checked at the far end, ACK, a short talk and BYE. No
 * call may fail and the call table must be empty afterwards (no leaked slots or legs).
 * The server runs in process so the test can look into its call table.
 */
class CallLoadSippIT {
    static final int CALLS = 300;

    @TempDir
    Path work;
    SipServer server;
    Sipp.Phone uas;

    @AfterEach
    void stop() throws InterruptedException {
        if (uas != null) {
            uas.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Path scenario(String name) {
        return Sipp.scenario(name);
    }

    Sipp.Result register(String user, String secret, int contactPort, String transport) throws Exception {
        return Sipp.run(work, List.of(target(), "-sf", scenario("register.xml").toString(), "-s", user, "-au", user,
                "-ap", secret, "-i", "127.0.0.1", "-key", "contact_port", Integer.toString(contactPort), "-m", "1",
                "-t", transport), 20);
    }

    String target() {
        return "127.0.0.1:" + server.transports().port();
    }

    @Test
    void threeHundredCallsOverUdpWithoutFailureOrLeak() throws Exception {
        run("u1", CALLS);
    }

    /**
     * Over TCP bob registers from a connection that then closes (the registering sipp's),
     * and his phone listens on its Contact port: each target leg is tried on the
     * registration's connection, then at the Contact.
     */
    @Test
    void hundredCallsOverTcp() throws Exception {
        run("t1", 100);
    }

    void run(String transport, int calls) throws Exception {
        // a 15-second load run belongs to the integration phase (failsafe sets sipwitch.root), not the unit loop
        assumeTrue(System.getProperty("sipwitch.root") != null || Boolean.getBoolean("sipwitch.load"),
                "load run: mvn verify, or -Dsipwitch.load=true");
        Sipp.assumeAvailable();
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .write(work);
        server = new SipServer(new LiveConfig(config));
        server.start();
        uas = Sipp.Phone.start(work, "uas", List.of(target(), "-sf", scenario("call-uas.xml").toString(),
                "-i", "127.0.0.1", "-m", Integer.toString(calls), "-t", transport, "-trace_err", "-error_file",
                work.resolve("uas-errors.log").toString()), 90);
        Sipp.Result regBob = register("bob", "bob-secret", uas.port(), transport);
        assertThat(regBob.passed()).as(regBob.output()).isTrue();
        // alice only calls: her Contact is a port the test holds, so nobody else can take it
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int aliceContact = transport.startsWith("t") ? tcp.getLocalPort() : udp.getLocalPort();
            Sipp.Result regAlice = register("alice", "alice-secret", aliceContact, transport);
            assertThat(regAlice.passed()).as(regAlice.output()).isTrue();

            Sipp.Result uac = Sipp.run(work, List.of(target(), "-sf", scenario("call-uac.xml").toString(), "-s",
                    "202", "-i", "127.0.0.1", "-r", "20", "-m", Integer.toString(calls), "-l", "40", "-t", transport),
                    90);
            assertThat(uac.passed()).as(uac.output()).isTrue();
        }
        uas.assertPassed();

        CallEngine engine = server.calls();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.table().active() == 0);
        assertThat(engine.table().indexedLegs()).isZero();
        assertThat(engine.status()).matches("\\.+");
        EntityTotals system = engine.statistics().stats("system");
        assertThat(system.inTotal()).isEqualTo(calls);
        assertThat(system.current()).isZero();
        assertThat(engine.statistics().stats("alice").outTotal()).isEqualTo(calls);
        assertThat(engine.statistics().stats("bob").inTotal()).isEqualTo(calls);
    }
}
