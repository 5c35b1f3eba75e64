package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.mbeans.Event;
import org.sipwitch.mbeans.EventLog;
import org.sipwitch.mbeans.HealthCheck;
import org.sipwitch.mbeans.SipwitchNotifications;
import org.slf4j.LoggerFactory;

class ServerBeanTest {

    @TempDir
    Path dir;

    private LiveConfig config;
    private Events events;
    private final AtomicInteger stopped = new AtomicInteger(-1);
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private ServerBean server;

    @BeforeEach
    void setUp() throws Exception {
        config = Fixtures.live(dir);
        events = new Events(new EventLog(100));
        server = new ServerBean(config, new ManagementHooks(config), events, stopped::set,
                new DiagnosticReport(config, dir.resolve("state"), () -> Map.of("registrations", 0)), halted::complete);
    }

    @Test
    void verboseMapsLevelsToLogback() {
        assertThat(Verbosity.levelOf(0)).isEqualTo(Level.ERROR);
        assertThat(Verbosity.levelOf(1)).isEqualTo(Level.WARN);
        assertThat(Verbosity.levelOf(2)).isEqualTo(Level.INFO);
        assertThat(Verbosity.levelOf(3)).isEqualTo(Level.INFO);
        assertThat(Verbosity.levelOf(5)).isEqualTo(Level.DEBUG);
        assertThat(Verbosity.levelOf(9)).isEqualTo(Level.TRACE);
        assertThat(Verbosity.rootLevelOf(9)).isEqualTo(Level.INFO);
        assertThat(Verbosity.rootLevelOf(0)).isEqualTo(Level.ERROR);

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level before = context.getLogger("org.sipwitch").getLevel();
        try {
            server.setVerbose(7);
            assertThat(server.getVerbose()).isEqualTo(7);
            assertThat(context.getLogger("org.sipwitch").getLevel()).isEqualTo(Level.TRACE);
            assertThatThrownBy(() -> server.setVerbose(10)).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.getVerbose()).isEqualTo(7);
        } finally {
            context.getLogger("org.sipwitch").setLevel(before);
            context.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        }
    }

    @Test
    void snapshotIsPrivateToTheOwnerAndHoldsNoSecret() throws Exception {
        Path file = Path.of(server.snapshot());
        assertThat(file.getParent()).isEqualTo(dir.resolve("state").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file);
        assertThat(text).contains("version = ", "uptime = ", "[threads]", "heap.used = ", "registrations = 0",
                "provision.user = alice", "registry.realm = example.net");
        assertThat(text).doesNotContain(Fixtures.SECRET);
    }

    @Test
    void reloadOfABrokenFileFailsWithFileAndLineAndKeepsTheOldConfig() throws Exception {
        Path file = config.file();
        Files.writeString(file, Files.readString(file).replace("<port>5099</port>", "<port>50x99</port>"));
        assertThatThrownBy(server::reload).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3: ").hasMessageContaining("50x99");
        assertThat(config.current().stack().port()).isEqualTo(5099);
        assertThat(events.log().since(0)).extracting(Event::type).contains(SipwitchNotifications.FAILURE);
    }

    @Test
    void statesAreNamedAndChangesAnnounced() {
        assertThat(server.getState()).isEqualTo("up");
        server.setState("night");
        server.setState("night"); // no change, no second event
        assertThat(server.getState()).isEqualTo("night");
        assertThatThrownBy(() -> server.setState("Party!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad state id 'Party!'").hasMessageContaining("up, night");
        assertThat(events.log().since(0)).extracting(Event::message).containsExactly("state night");
    }

    @Test
    void concurrencyIsCheckedAndContactComesFromTheConfig() {
        server.setConcurrency(16);
        assertThat(server.getConcurrency()).isEqualTo(16);
        assertThatThrownBy(() -> server.setConcurrency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.setConcurrency(257)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getContact()).isEqualTo("sip:127.0.0.1:5099");
    }

    @Test
    void checkFindsNoDeadlockHere() {
        assertThat(server.check()).extracting(HealthCheck::subject).contains("deadlocks", "event-loops", "listeners");
        assertThat(server.check()).allMatch(HealthCheck::ok);
    }

    @Test
    void downAsksTheDaemonToStopAndAbortWritesADumpThenHalts() throws Exception {
        server.down();
        assertThat(stopped.get()).isZero();

        Path dump = Path.of(server.abort());
        assertThat(halted.get(5, TimeUnit.SECONDS)).isEqualTo(134);
        assertThat(Files.readString(dump)).contains("sipwitch abort", "    at ").doesNotContain(Fixtures.SECRET);
    }
}
