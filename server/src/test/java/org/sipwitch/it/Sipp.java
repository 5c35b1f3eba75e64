package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real sipp (Debian sip-tester) against the daemon, always bounded: a
 * call count, a global timeout, and a hard kill of sipp itself if it hangs.
 *
 * <p>No port is ever chosen for sipp: it binds its own (it tries 5060 upward and takes
 * the first free one) and a phone that must be reached is asked which it got
 * ({@link Phone#port()}, read back from the kernel). A registration names that port in
 * its Contact ({@code -key contact_port}), so the phone that answers is the very
 * process that holds the port — nothing else can take it in between.
 */
public final class Sipp {
    /** What one sipp run did. */
    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    private Sipp() {
    }

    /** Skips the calling test (class) when sipp is missing, saying how to get it. */
    public static void assumeAvailable() {
        assumeTrue(available(), "sipp is not installed (apt-get install sip-tester)");
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs sipp with the given arguments plus bounds; output goes to a file under workDir. */
    public static Result run(Path workDir, List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("sipp");
        cmd.addAll(args);
        cmd.addAll(List.of("-timeout", timeoutSeconds + "s", "-timeout_error", "-nostdin", "-trace_err",
                "-error_file", workDir.resolve("sipp-errors.log").toString()));
        Path out = Files.createTempFile(workDir, "sipp", ".out");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds + 15L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Path errors = workDir.resolve("sipp-errors.log");
        if (Files.exists(errors)) {
            text += "\n--- sipp errors ---\n" + Files.readString(errors, StandardCharsets.UTF_8);
        }
        return new Result(p.isAlive() ? -1 : p.exitValue(), text);
    }

    /** A scenario shipped with the tests (server/src/test/resources/sipp). */
    public static Path scenario(String name) {
        return DaemonProcess.root().resolve("server/src/test/resources/sipp").resolve(name);
    }

    /**
     * One flow of a registration scenario as phone {@code user} (-s/-au/-ap) against the
     * daemon's UDP listener, its Contact at 127.0.0.1:{@code contactPort} (a {@link Phone}
     * that answers there, or a port the test holds); bounded to 20 s.
     */
    public static Result register(DaemonProcess daemon, Path workDir, String scenario, String user, String secret,
                                  int contactPort) throws IOException, InterruptedException {
        return run(workDir, List.of("127.0.0.1:" + daemon.port("udp"), "-sf", scenario(scenario).toString(),
                "-s", user, "-au", user, "-ap", secret, "-i", "127.0.0.1", "-key", "contact_port",
                Integer.toString(contactPort), "-m", "1"), 20);
    }

    /** {@link #register} that must succeed. */
    public static void registerOk(DaemonProcess daemon, Path workDir, String user, String secret, int contactPort)
            throws IOException, InterruptedException {
        Result r = register(daemon, workDir, "register.xml", user, secret, contactPort);
        assertThat(r.passed()).as(user + " registers: " + r.output()).isTrue();
    }

    /**
     * One call of a scenario in the background (a phone waiting or calling) against the
     * daemon's UDP listener, bounded by sipp's own timeout; returns once sipp has bound
     * its port. Its output goes to {@code workDir/name.out}.
     */
    public static Phone start(DaemonProcess daemon, Path workDir, String name, String scenario, int timeoutSeconds,
                              String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("127.0.0.1:" + daemon.port("udp"), "-sf",
                scenario(scenario).toString(), "-i", "127.0.0.1", "-m", "1"));
        args.addAll(List.of(extra));
        return Phone.start(workDir, name, args, timeoutSeconds);
    }

    /** A sipp running in the background on a port it bound itself. */
    public static final class Phone implements AutoCloseable {
        private final Process process;
        private final Path output;
        private final String name;
        private final int timeoutSeconds;
        private final int port;

        private Phone(Process process, Path output, String name, int timeoutSeconds, int port) {
            this.process = process;
            this.output = output;
            this.name = name;
            this.timeoutSeconds = timeoutSeconds;
            this.port = port;
        }

        /**
         * Starts sipp with {@code args} plus bounds and waits until its SIP socket is bound
         * (for TCP, {@code -t t1}/{@code tn}: listening), so that what is sent to it from
         * then on arrives.
         */
        public static Phone start(Path workDir, String name, List<String> args, int timeoutSeconds)
                throws IOException {
            List<String> cmd = new ArrayList<>(List.of("sipp"));
            cmd.addAll(args);
            cmd.addAll(List.of("-nostdin", "-timeout", timeoutSeconds + "s", "-timeout_error"));
            Path output = workDir.resolve(name + ".out");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            int t = args.indexOf("-t");
            boolean tcp = t >= 0 && t + 1 < args.size() && args.get(t + 1).startsWith("t");
            OptionalInt[] bound = {OptionalInt.empty()};
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
                bound[0] = BoundPorts.first(p.pid(), tcp);
                return bound[0].isPresent() || !p.isAlive();
            });
            if (bound[0].isEmpty()) {
                throw new IllegalStateException("sipp " + name + " ended before binding a port: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Phone(p, output, name, timeoutSeconds, bound[0].getAsInt());
        }

        /** The port sipp bound, where it receives. */
        public int port() {
            return port;
        }

        public String output() throws IOException {
            return Files.readString(output, StandardCharsets.UTF_8);
        }

        /** Waits for the scenario to end; it must have passed. */
        public void assertPassed() throws IOException, InterruptedException {
            assertThat(process.waitFor(timeoutSeconds + 15L, TimeUnit.SECONDS)).as(name + " finished").isTrue();
            assertThat(process.exitValue()).as(name + ": " + output()).isZero();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }
}
