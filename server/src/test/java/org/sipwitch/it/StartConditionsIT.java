package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting where something is in the way: a UDP port another daemon holds, a state directory that cannot be written. */
class StartConditionsIT {

    @TempDir
    Path work;

    @Test
    void aSecondDaemonOnTheSameUdpPortExitsThree() throws Exception {
        Path first = Files.createDirectories(work.resolve("first"));
        try (DaemonProcess daemon = DaemonProcess.start(new TestConfig().transports("udp")
                .user("alice", "201", "alice-secret").write(first), first)) {
            int port = daemon.port("udp");
            Path second = Files.createDirectories(work.resolve("second"));
            Path config = new TestConfig().transports("udp").port(port).user("alice", "201", "alice-secret")
                    .write(second);
            Process p = new ProcessBuilder(DaemonProcess.script("sipwitch").toString(), "-c", config.toString(),
                    "--run-dir", second.resolve("run").toString(), "--state-dir", second.resolve("state").toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("Cannot bind UDP 127.0.0.1:" + port).containsIgnoringCase("address already in use");
            assertThat(daemon.isAlive()).isTrue();
        }
    }

    @Test
    void aStateDirectoryThatCannotBeWrittenAtStartStillServesAndPersistsOnceItCan() throws Exception {
        Path blocker = work.resolve("blocker");
        Files.writeString(blocker, "a file where the state directory's parent should be\n");
        Path state = blocker.resolve("state"); // cannot be created, not even by root
        Path config = new TestConfig().user("alice", "201", "alice-secret").write(work);
        try (DaemonProcess daemon = DaemonProcess.start(config, work, "--state-dir", state.toString())) {
            assertThat(String.join("\n", daemon.stderr())).contains("state directory " + state + " is not usable");
            try (StreamPhone alice = new StreamPhone("alice", "alice-secret", connect(daemon), "TCP")) {
                assertThat(alice.register(600)).isEqualTo(200);
            }
            assertThat(Tools.sipwitchctl(daemon, "registry").out()).contains("alice");
            assertThat(daemon.stderr()).anyMatch(l -> l.contains("registrations:") && l.contains(state.toString()));

            Files.delete(blocker); // the operator fixes it: the store persists again, no restart
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(state.resolve("registrations.snapshot")).exists());
            assertThat(Files.readString(state.resolve("registrations.snapshot"))).contains("alice");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(daemon.stderr()).anyMatch(l -> l.contains("registrations: persisted again")));
        }
    }

    private static Socket connect(DaemonProcess daemon) throws java.io.IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", daemon.port("tcp")), 3000);
        return s;
    }
}
