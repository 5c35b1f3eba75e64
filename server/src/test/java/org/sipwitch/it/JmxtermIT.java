package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jmxterm uber jar runs every script of scripts/jmx through scripts/sipwitch-jmx
 * against a daemon WITHOUT {@code <jmx>}: local attach to the pid in the run directory.
 */
class JmxtermIT {

    @TempDir
    static Path work;

    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start(new TestConfig().user("alice", "201", "alice-secret-123").write(work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyShippedScriptRunsAndPrintsWhatItShould() throws Exception {
        List<String> scripts;
        try (Stream<Path> files = Files.list(DaemonProcess.root().resolve("scripts/jmx"))) {
            scripts = files.map(p -> p.getFileName().toString().replace(".jmx", "")).sorted().toList();
        }
        assertThat(scripts).contains("registrations", "calls", "stats", "trace-on", "trace-off", "reload");
        assertThat(daemon.runDir().resolve("jmx")).doesNotExist(); // no <jmx>: local attach
        for (String script : scripts) {
            Tools.Result r = Tools.sipwitchJmx(daemon, script);
            assertThat(r.status()).as(script + ": " + r).isZero();
            assertThat(r.out()).as(script).isNotBlank();
            switch (script) {
                case "registrations" -> assertThat(r.out()).contains("Registrations = [");
                case "calls" -> assertThat(r.out()).contains("Calls = [").contains("Status = ");
                case "stats" -> assertThat(r.out()).contains("name = system;").contains("PeriodicStats = [");
                case "trace-on" -> assertThat(r.out().strip()).isEqualTo("true");
                case "trace-off" -> assertThat(r.out().strip()).isEqualTo("false");
                case "siplog" -> assertThat(r.out()).contains("Messages = [");
                case "reload" -> assertThat(r.out()).contains("State = up;");
                case "health" -> assertThat(r.out()).contains("subject = deadlocks;").contains("ok = true;");
                default -> { }
            }
        }
        // the trace scripts really switch the daemon's tracing
        Tools.sipwitchJmx(daemon, "trace-on");
        assertThat(Tools.sipwitchctl(daemon, "trace", "on").status()).isZero();
    }

    @Test
    void aFailingScriptExits20WithTheReason() throws Exception {
        Path script = work.resolve("bad.jmx");
        Files.writeString(script, "get -b sipwitch:type=Server State\nrun -b sipwitch:type=Registry release 999\n");
        Tools.Result r = Tools.sipwitchJmx(daemon, script.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(20);
        assertThat(r.err()).contains("no such extension 999");
    }

    @Test
    void unknownScriptIsAUsageError() throws Exception {
        Tools.Result r = Tools.sipwitchJmx(daemon, "no-such-script");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("no such script");
    }
}
