package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon answers OPTIONS from the real sipp over UDP and over TCP. */
class OptionsSippIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        daemon = DaemonProcess.start(new TestConfig().user("alice", "201", "test-secret").write(work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void answersOptionsOverUdp() throws Exception {
        Sipp.Result r = Sipp.run(work, List.of("127.0.0.1:" + daemon.port("udp"), "-sf",
                Sipp.scenario("options.xml").toString(), "-i", "127.0.0.1", "-p", "0", "-m", "20", "-r", "50"), 30);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void answersOptionsOverTcp() throws Exception {
        Sipp.Result r = Sipp.run(work, List.of("127.0.0.1:" + daemon.port("tcp"), "-sf",
                Sipp.scenario("options.xml").toString(), "-t", "t1", "-i", "127.0.0.1", "-p", "0", "-m", "20", "-r", "50"),
                30);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
