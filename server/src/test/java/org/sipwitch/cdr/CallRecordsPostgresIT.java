package org.sipwitch.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.CdrConfig;
import org.sipwitch.config.Secret;
import org.sipwitch.mbeans.CallRecord;

/**
 * {@code <cdr><jdbc>} against a real PostgreSQL (Debian's {@code postgresql}), started
 * here with initdb in a temporary directory on 127.0.0.1; as root it runs as
 * {@code nobody}, since PostgreSQL refuses to run as root. Records go in through
 * {@link CallRecords} as the daemon hands them over, and are read back with SQL.
 */
class CallRecordsPostgresIT {

    @TempDir
    static Path work;
    static Process postgres;
    static int port;

    @BeforeAll
    static void startPostgres() throws Exception {
        Optional<Path> bin = postgresBin();
        assumeTrue(bin.isPresent(), "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); "
                + "apt-get install postgresql to run this test (CI does)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = work.resolve("data");
        Path sockets = Files.createDirectories(work.resolve("sockets"));
        if (root) {
            run("chmod", "755", work.toString());   // only our own directory: never touch /tmp itself
            run("chown", "nobody", sockets.toString(), work.toString());
        }
        run(as(root, bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", "sipwitch",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        // PostgreSQL cannot bind port 0: take one that is free now; the log says if it was taken meanwhile
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        postgres = new ProcessBuilder(as(root, bin.get().resolve("postgres").toString(), "-D", data.toString(),
                "-k", sockets.toString(), "-c", "listen_addresses=127.0.0.1", "-p", Integer.toString(port),
                "-c", "fsync=off")).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(postgres.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.add(line);
                    if (line.contains("ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // postgres stopped
            }
        });
        pump.setDaemon(true);
        pump.start();
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("PostgreSQL ready; log:\n%s", log).isTrue();
    }

    @AfterAll
    static void stopPostgres() throws InterruptedException {
        if (postgres != null) {
            postgres.destroy();   // SIGTERM: smart shutdown
            if (!postgres.waitFor(20, TimeUnit.SECONDS)) {
                postgres.destroyForcibly();
            }
        }
    }

    @Test
    void recordsAreInsertedIntoTheTableAndReadBack() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        CdrConfig config = new CdrConfig(true, 90, 100,
                Optional.of(new CdrConfig.Jdbc(url, "sipwitch", Secret.of(""), "sipwitch_cdr")));
        Path state = Files.createDirectories(work.resolve("state"));
        CallRecord answered = new CallRecord("0000002a:1", "alice", "bob", "202", "", "2026-12-05T09:30:00.125Z",
                "2026-12-05T09:30:02Z", "2026-12-05T09:31:02Z", 60, 200, "hangup", "udp:127.0.0.1:5062",
                "udp:127.0.0.1:5064");
        CallRecord busy = new CallRecord("0000002b:2", "alice", "carol", "reception", "", "2026-12-05T09:32:00Z",
                "", "2026-12-05T09:32:01Z", 0, 486, "busy", "tcp:[::1]:40000", "");
        try (CallRecords records = new CallRecords(config, state, Clock.systemUTC())) {
            records.accept(answered);
            records.accept(busy);
        } // close: what is queued is inserted
        try (Connection c = DriverManager.getConnection(url, "sipwitch", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT call_id, caller, callee, dialled, gateway, "
                     + "to_char(started AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), answered IS NULL, "
                     + "duration, status, reason, caller_address, callee_address FROM sipwitch_cdr ORDER BY call_id")) {
            assertThat(r.next()).isTrue();
            assertThat(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(6),
                    r.getString(10), r.getString(11), r.getString(12))).containsExactly("0000002a:1", "alice", "bob",
                    "202", "2026-12-05T09:30:00.125", "hangup", "udp:127.0.0.1:5062", "udp:127.0.0.1:5064");
            assertThat(r.getString(5)).isNull();
            assertThat(r.getBoolean(7)).isFalse();
            assertThat(r.getInt(8)).isEqualTo(60);
            assertThat(r.getInt(9)).isEqualTo(200);
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("0000002b:2");
            assertThat(r.getBoolean(7)).as("never answered: NULL").isTrue();
            assertThat(r.getInt(9)).isEqualTo(486);
            assertThat(r.getString(12)).isNull();
            assertThat(r.next()).isFalse();
        }
        // the daily file has both lines too: the database is in addition, not instead
        try (Stream<Path> files = Files.list(state.resolve("cdr"))) {
            List<Path> days = files.toList();
            assertThat(days).hasSize(1);
            assertThat(Files.readAllLines(days.get(0))).hasSize(2);
        }
    }

    @Test
    void anUnreachableDatabaseLosesNothingInTheFiles() throws Exception {
        CdrConfig config = new CdrConfig(true, 90, 100, Optional.of(new CdrConfig.Jdbc(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "nobody", Secret.of("x"), "sipwitch_cdr")));
        Path state = Files.createDirectories(work.resolve("state-unreachable"));
        try (CallRecords records = new CallRecords(config, state, Clock.systemUTC())) {
            records.accept(new CallRecord("1:1", "a", "b", "b", "", "2026-12-05T09:30:00Z", "",
                    "2026-12-05T09:30:01Z", 0, 480, "no answer", "udp:127.0.0.1:1", ""));
            Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> records.recent().size() == 1);
        }
        try (Stream<Path> files = Files.list(state.resolve("cdr"))) {
            assertThat(files.mapToLong(f -> {
                try {
                    return Files.readAllLines(f).size();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum()).isEqualTo(1);
        }
    }

    static Optional<Path> postgresBin() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        }
    }

    static String[] as(boolean root, String... cmd) {
        if (!root) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        out.addAll(List.of(cmd));
        return out.toArray(String[]::new);
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pg", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + Files.readString(out)).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
