package org.sipwitch.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian package) started by the test on 127.0.0.1, no
 * persistence, with a password. Redis cannot bind port 0, so a port is tried and the
 * server itself says whether it got it ("Ready to accept connections") or not ("Address
 * already in use", then another is tried): no port is found free, closed and handed over.
 * Stopped by its own PID only.
 */
final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final String password;
    private int port;
    private Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private RedisProcess(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    static void assumeAvailable() {
        boolean found;
        try {
            Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            found = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assumeTrue(found, "redis-server is not installed (apt-get install redis-server)");
    }

    static RedisProcess start(Path dir, String password) throws IOException, InterruptedException {
        RedisProcess r = new RedisProcess(Files.createDirectories(dir), password);
        for (int attempt = 0; attempt < 20; attempt++) {
            if (r.startOn(ThreadLocalRandom.current().nextInt(20_000, 60_000))) {
                return r;
            }
        }
        throw new IllegalStateException("redis-server found no free port in 20 tries:\n" + r.output);
    }

    /** Starts it again on the same port (after {@link #stop}): the same URI works again. */
    void restart() throws IOException, InterruptedException {
        if (!startOn(port)) {
            throw new IllegalStateException("redis-server could not take port " + port + " again:\n" + output);
        }
    }

    private boolean startOn(int candidate) throws IOException, InterruptedException {
        output.clear();
        Process p = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(candidate),
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--requirepass", password,
                "--logfile", "", "--daemonize", "no").redirectErrorStream(true).start();
        CountDownLatch settled = new CountDownLatch(1);
        boolean[] ready = {false};
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    if (line.contains("Ready to accept connections")) {
                        ready[0] = true;
                        settled.countDown();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            settled.countDown(); // exited: the port was taken, or redis refused to start
        }, "redis-output");
        pump.setDaemon(true);
        pump.start();
        if (!settled.await(20, TimeUnit.SECONDS) || !ready[0]) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            if (String.join("\n", output).contains("Address already in use")) {
                return false;
            }
            throw new IllegalStateException("redis-server did not start:\n" + String.join("\n", output));
        }
        process = p;
        port = candidate;
        return true;
    }

    int port() {
        return port;
    }

    /** The URI the daemons get: password-only form, as Lettuce reads it. */
    String uri() {
        return "redis://" + password + "@127.0.0.1:" + port;
    }

    /** SIGTERM to our own redis-server, and wait until it is gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs redis-cli against it (the password through the environment, not the command line). */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--no-auth-warning"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("REDISCLI_AUTH", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-cli hung");
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
