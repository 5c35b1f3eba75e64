package org.sipwitch.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real daemon started through the real {@code scripts/sipwitch}, on a config
 * written by the test (port 0, private run and state directories). Stopped by its
 * own PID only.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (udp|tcp|tls|wss|ws)://\\[?([^\\]]+?)\\]?:(\\d+)");

    private final Process process;
    private final Path runDir;
    private final Path stateDir;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ready = new CountDownLatch(1);

    private DaemonProcess(Process process, Path runDir, Path stateDir) {
        this.process = process;
        this.runDir = runDir;
        this.stateDir = stateDir;
        pump(process.getInputStream(), stdout, true);
        pump(process.getErrorStream(), stderr, false);
    }

    public static Path root() {
        String root = System.getProperty("sipwitch.root");
        return root != null ? Path.of(root).toAbsolutePath().normalize() : Path.of("..").toAbsolutePath().normalize();
    }

    public static Path script(String name) {
        return root().resolve("scripts").resolve(name);
    }

    /** Starts the daemon on the given config file and waits until it says it is ready. */
    public static DaemonProcess start(Path config, Path workDir, String... extraArgs) throws IOException, InterruptedException {
        return start(List.of(), config, workDir, extraArgs);
    }

    /**
     * The same, started through {@code prefix}, a command that execs the rest (e.g. nsenter
     * into a network namespace): the process is still the daemon's own, stopped by its PID.
     */
    public static DaemonProcess start(List<String> prefix, Path config, Path workDir, String... extraArgs)
            throws IOException, InterruptedException {
        return start(prefix, Map.of(), config, workDir, extraArgs);
    }

    /**
     * The same with environment variables of the launcher set ({@code SIPWITCH_WARMUP},
     * {@code SIPWITCH_EXTRA_JAVA_OPTS}, ...). Unless set so, the daemon skips its JIT
     * warm-up: tests start many daemons and ask for correctness, not speed (WarmupIT
     * checks the warm-up itself).
     */
    public static DaemonProcess start(List<String> prefix, Map<String, String> extraEnv, Path config, Path workDir,
                                      String... extraArgs) throws IOException, InterruptedException {
        Path runDir = Files.createDirectories(workDir.resolve("run"));
        Path stateDir = Files.createDirectories(workDir.resolve("state"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(script("sipwitch").toString(), "-c", config.toString(),
                "--run-dir", runDir.toString(), "--state-dir", stateDir.toString()));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String jar = System.getProperty("sipwitch.jar", System.getenv("SIPWITCH_JAR"));
        if (jar != null) {
            env.put("SIPWITCH_JAR", jar);
        }
        env.put("SIPWITCH_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("SIPWITCH_WARMUP", "0");
        env.putAll(extraEnv);
        DaemonProcess d = new DaemonProcess(pb.start(), runDir, stateDir);
        if (!d.ready.await(60, TimeUnit.SECONDS)) {
            d.close();
            throw new IllegalStateException("daemon not ready within 60 s; stderr:\n" + String.join("\n", d.stderr));
        }
        return d;
    }

    private void pump(java.io.InputStream in, List<String> sink, boolean watchReady) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                    if (watchReady && line.startsWith("sipwitch: ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "daemon-output");
        t.setDaemon(true);
        t.start();
    }

    /** The first listening address of that transport ("udp", "tcp", "tls", "ws", "wss"). */
    public InetSocketAddress address(String transport) {
        synchronized (stdout) {
            for (String line : stdout) {
                Matcher m = LISTENING.matcher(line);
                if (m.find() && m.group(1).equals(transport)) {
                    return new InetSocketAddress(m.group(2), Integer.parseInt(m.group(3)));
                }
            }
        }
        throw new IllegalStateException("daemon does not listen on " + transport + ": " + stdout);
    }

    public int port(String transport) {
        return address(transport).getPort();
    }

    public long pid() {
        return process.pid();
    }

    public Path runDir() {
        return runDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits; returns the exit status or -1 if it did not stop in time. */
    public int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        return -1;
    }

    /**
     * Sends a signal ({@code HUP}, {@code TERM}...) with kill(1), by our own pid. Unlike
     * {@link #terminate}, whose {@code Process.destroy()} closes our ends of the pipes,
     * what the daemon logs afterwards is still read.
     */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -s " + name + " " + process.pid() + " failed: " + out);
        }
    }

    public int waitFor(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
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
