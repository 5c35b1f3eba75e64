package org.sipwitch.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real sipp (Debian sip-tester) against the daemon, always bounded: a
 * call count, a global timeout, and a hard kill of sipp itself if it hangs.
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
        return run(List.of(), workDir, args, timeoutSeconds);
    }

    /** The same, started through {@code prefix} (e.g. nsenter into a network namespace). */
    public static Result run(List<String> prefix, Path workDir, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
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

    /** A UDP port free right now on 127.0.0.1, for a sipp phone to bind. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /**
     * One flow of a registration scenario as phone {@code user} (-s/-au/-ap) bound to
     * {@code port} on 127.0.0.1, against the daemon's UDP listener; bounded to 20 s.
     */
    public static Result phone(DaemonProcess daemon, Path workDir, String scenario, String user, String secret,
                               int port) throws IOException, InterruptedException {
        return run(workDir, List.of("127.0.0.1:" + daemon.port("udp"), "-sf", scenario(scenario).toString(), "-s", user,
                "-au", user, "-ap", secret, "-i", "127.0.0.1", "-p", Integer.toString(port), "-m", "1"), 20);
    }

    /**
     * One call of a scenario in the background (a phone waiting or calling), bounded by
     * sipp's own timeout; its output goes to {@code workDir/name.out}.
     */
    public static Process background(DaemonProcess daemon, Path workDir, String name, String scenario, int port,
                                     int timeoutSeconds, String... extra) throws IOException {
        return background(List.of(), daemon, workDir, name, scenario, port, timeoutSeconds, extra);
    }

    /** The same, started through {@code prefix} (e.g. nsenter into a network namespace). */
    public static Process background(List<String> prefix, DaemonProcess daemon, Path workDir, String name,
                                     String scenario, int port, int timeoutSeconds, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("sipp", "127.0.0.1:" + daemon.port("udp"), "-sf",
                scenario(scenario).toString(), "-i", "127.0.0.1", "-p", Integer.toString(port), "-m", "1", "-nostdin",
                "-timeout", timeoutSeconds + "s", "-timeout_error"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".out").toFile()).start();
    }
}
