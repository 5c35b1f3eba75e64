package org.sipwitch.sip.server;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.sipwitch.config.ConfigException;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.StackConfig;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs real REGISTER and call flows through a throwaway server before the daemon's own
 * opens its listeners, so that the first phones of a restart avalanche meet compiled code.
 * A JVM that has just started interprets, and C2 needs several CPU-seconds to compile the
 * whole path; on a small machine that compiling competes with the phones for the same
 * cores (docs/benchmarks.md: a fresh daemon took 170 % CPU at a rate a warm one serves
 * with 80 %, queued into seconds and lost datagrams in the kernel).
 *
 * <p>Everything a request meets is the real thing: a {@link SipServer} on 127.0.0.1 and a
 * free port, with its sockets, decoder, gate, lanes, transaction layer, digest
 * authentication, registrar, journal (in a temporary directory) and call engine, driven
 * over loopback by a few {@link WarmupPhone}s over the transports the daemon listens on
 * (UDP, TCP, and TLS with a throwaway certificate, {@link WarmupKeystore}): over TLS a
 * cold JVM also decrypts and encrypts every record in interpreted code. Nothing of it
 * touches the daemon's configuration, state or counters; the directory is deleted afterwards. It ends when the
 * JIT has settled (a whole second in which compiling took under a tenth of it), at its
 * time budget, or when its server does not answer.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final int PHONES = 4;
    private static final long WINDOW_MILLIS = 1_000;
    /** How often the budget, the JIT and a stop of the daemon are looked at. */
    private static final long TICK_MILLIS = 100;
    private static final long SETTLED_COMPILE_MILLIS = 100;
    /** {@code SIPWITCH_WARMUP}: the most seconds the warm-up may take; 0 turns it off. */
    static final String BUDGET_VARIABLE = "SIPWITCH_WARMUP";
    static final int DEFAULT_BUDGET_SECONDS = 10;

    /**
     * What a warm-up did: flows completed (and per transport), flows that failed, wall and
     * JIT time, and whether the JIT settled.
     */
    public record Result(int registers, int calls, int failed, long millis, long compileMillis, boolean settled,
                         Map<Transport, Integer> flowsByTransport) {
        public static final Result NONE = new Result(0, 0, 0, 0, 0, false, Map.of());

        public Result {
            flowsByTransport = Map.copyOf(flowsByTransport);
        }

        @Override
        public String toString() {
            String by = flowsByTransport.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().param() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return registers + " REGISTER and " + calls + " call flows (" + by + "; " + failed + " failed) in "
                    + millis + " ms, " + compileMillis + " ms of JIT compiling, " + (settled ? "settled" : "not settled");
        }
    }

    private Warmup() {
    }

    /**
     * The budget {@code SIPWITCH_WARMUP} asks for (whole seconds), or the default; a value
     * that is not a number is reported and the default used, as a start must not fail on it.
     */
    public static Duration budget(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(DEFAULT_BUDGET_SECONDS);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of seconds; warming up for at most {} s", BUDGET_VARIABLE, value,
                    DEFAULT_BUDGET_SECONDS);
            return Duration.ofSeconds(DEFAULT_BUDGET_SECONDS);
        }
    }

    /**
     * {@link #run} with the budget of the environment's {@code SIPWITCH_WARMUP}, over the
     * transports of {@code stack} that phones register on.
     */
    public static Result run(DigestAlgorithm algorithm, StackConfig stack, BooleanSupplier cancelled) {
        return run(algorithm, transports(stack), budget(System.getenv(BUDGET_VARIABLE)), cancelled);
    }

    /**
     * UDP, TCP and TLS as far as the daemon listens on them (TLS only with its keystore);
     * UDP when it has none of them (WebSocket only): most of the path is the same.
     */
    static Set<Transport> transports(StackConfig stack) {
        Set<Transport> out = EnumSet.noneOf(Transport.class);
        for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
            if (stack.transports().contains(t)) {
                out.add(t);
            }
        }
        if (stack.tlsEnabled()) {
            out.add(Transport.TLS);
        }
        return out.isEmpty() ? EnumSet.of(Transport.UDP) : out;
    }

    /**
     * Warms up with the digest algorithm the daemon will challenge with, over
     * {@code transports} (of UDP, TCP, TLS), for at most {@code budget} (zero: not at all) or
     * until {@code cancelled} (the daemon is asked to stop); never throws (a failed warm-up
     * leaves a slower first second, never a daemon that does not start).
     */
    public static Result run(DigestAlgorithm algorithm, Set<Transport> transports, Duration budget,
                             BooleanSupplier cancelled) {
        if (budget.isZero()) {
            return Result.NONE;
        }
        long start = System.nanoTime();
        LOG.info("warm-up: a throwaway server on 127.0.0.1 takes REGISTER and call flows over {} for at most {} s ({})",
                names(transports), budget.toSeconds(), BUDGET_VARIABLE);
        Path dir = null;
        SipServer server = null;
        try {
            dir = Files.createTempDirectory("sipwitch-warmup-");
            WarmupKeystore keys = transports.contains(Transport.TLS) ? keystore(dir) : null;
            List<Transport> used = transports.stream().filter(t -> t != Transport.TLS || keys != null).toList();
            Path xml = dir.resolve("warmup.xml");
            Files.writeString(xml, config(algorithm, used, keys));
            Path state = Files.createDirectory(dir.resolve("state"));
            server = new SipServer(new LiveConfig(xml), state);
            server.start();
            return drive(server, used, keys, algorithm, start, budget, cancelled);
        } catch (IOException | ConfigException | RuntimeException e) {
            LOG.warn("warm-up skipped: {}", e.toString());
            return new Result(0, 0, 0, elapsedMillis(start), 0, false, Map.of());
        } finally {
            if (server != null) {
                server.close();
            }
            delete(dir);
        }
    }

    /** A certificate for the TLS phones, or null (logged) when none can be made: the rest still warms up. */
    private static WarmupKeystore keystore(Path dir) {
        try {
            return WarmupKeystore.create(dir);
        } catch (IOException e) {
            LOG.info("warm-up without TLS: {}", e.getMessage());
            return null;
        }
    }

    private static Result drive(SipServer server, List<Transport> transports, WarmupKeystore keys,
                                DigestAlgorithm algorithm, long start, Duration budget, BooleanSupplier cancelled) {
        long deadline = start + budget.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        List<WarmupPhone> phones = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            Transport transport = transports.get(i % transports.size());
            InetSocketAddress target = server.transports().addresses(transport).get(0);
            WarmupPhone p = new WarmupPhone(target, transport, keys == null ? null : keys.client(), algorithm, i, stop);
            phones.add(p);
            Thread t = new Thread(p, "sipwitch-warmup-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compileAtStart = timed ? jit.getTotalCompilationTime() : 0;
        boolean settled = false;
        try {
            long windowStart = System.nanoTime();
            long windowCompile = compileAtStart;
            while (!stop.get() && !settled && !cancelled.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(TICK_MILLIS);
                if (timed && System.nanoTime() - windowStart >= WINDOW_MILLIS * 1_000_000L) {
                    long now = jit.getTotalCompilationTime();
                    settled = now - windowCompile < SETTLED_COMPILE_MILLIS;
                    windowStart = System.nanoTime();
                    windowCompile = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long compiled = timed ? jit.getTotalCompilationTime() - compileAtStart : 0;
        Map<Transport, Integer> flows = new EnumMap<>(Transport.class);
        for (WarmupPhone p : phones) {
            flows.merge(p.transport(), p.registers() + p.calls(), Integer::sum);
            if (p.broken() != null) {
                LOG.info("a warm-up phone over {} stopped early: {}", p.transport(), p.broken());
            }
        }
        return new Result(phones.stream().mapToInt(WarmupPhone::registers).sum(),
                phones.stream().mapToInt(WarmupPhone::calls).sum(),
                phones.stream().mapToInt(WarmupPhone::failed).sum(), elapsedMillis(start), compiled, settled, flows);
    }

    private static String names(Collection<Transport> transports) {
        return transports.stream().map(Transport::param).collect(Collectors.joining(" "));
    }

    private static String config(DigestAlgorithm algorithm, List<Transport> transports, WarmupKeystore keys) {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < PHONES; i++) {
            for (String user : List.of(WarmupPhone.caller(i), WarmupPhone.callee(i))) {
                users.append("    <user id=\"").append(user).append("\"><secret>").append(WarmupPhone.password(user))
                        .append("</secret></user>\n");
            }
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <sipwitch>
                  <stack>
                    <interface>127.0.0.1</interface>
                    <port>0</port>
                    <transport>%s</transport>
                    %s
                  </stack>
                  <registry>
                    <realm>%s</realm>
                    <digest>%s</digest>
                  </registry>
                  <security>
                    <block-time>0</block-time>
                    <rate-limit>0</rate-limit>
                  </security>
                  <provision>
                %s  </provision>
                </sipwitch>
                """.formatted(names(transports), keys == null ? "" : "<tls><port>0</port><keystore>" + keys.file()
                        + "</keystore><password>" + keys.password() + "</password></tls>",
                WarmupPhone.REALM, algorithm.configName(), users);
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("warm-up directory {} not removed: {}", dir, e.toString());
        }
    }
}
