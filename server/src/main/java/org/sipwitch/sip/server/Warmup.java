package org.sipwitch.sip.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 *
 * <p>What C2 compiles, it compiles for the branches and types it saw; the first request
 * down a branch it never saw throws the compiled method away, and under an avalanche the
 * whole REGISTER path then runs interpreted again while C2 starts over (docs/benchmarks.md,
 * "The first request undoes the warm-up"). So the throwaway server is wired as the
 * daemon's ({@code plug}: the same tap and listener classes), its phones vary what phones
 * vary (Via with and without {@code rport}, many users, so the registry grows), and it is
 * replaced by a fresh one a few times early on ({@link #SHORT_GENERATIONS}): what happens once per
 * server (a timer's start, an event loop's first buffer, a lane's first wait, a registry
 * growing from empty) then happens while the JIT is still profiling, as it will in the
 * daemon's own first second.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final int PHONES = 4;
    /**
     * The first throwaway servers live this long each, while the JIT profiles; the last one
     * lives to the end of the budget, so that C2 compiles from complete profiles.
     */
    static final long SHORT_GENERATION_MILLIS = 1_500;
    static final int SHORT_GENERATIONS = 3;
    /**
     * The throwaway servers' nonce-count table: 64 per stripe, so that it evicts every few
     * dozen flows and is compiled for it; the daemon's first eviction comes after 200,000
     * authenticated requests, at once in every stripe, and ran interpreted (a 160 ms stall).
     */
    static final int NONCE_COUNTS = 4_096;
    /** How often the budget, the JIT and a stop of the daemon are looked at. */
    private static final long TICK_MILLIS = 100;
    /** {@code SIPWITCH_WARMUP}: the most seconds the warm-up may take; 0 turns it off. */
    static final String BUDGET_VARIABLE = "SIPWITCH_WARMUP";
    static final int DEFAULT_BUDGET_SECONDS = 10;

    /**
     * What a warm-up did: flows completed (and per transport), flows that failed, wall and
     * JIT time, and whether the JIT settled.
     */
    public record Result(int registers, int calls, int failed, long millis, long compileMillis, boolean settled,
                         Map<Transport, Integer> flowsByTransport, int servers) {
        public static final Result NONE = new Result(0, 0, 0, 0, 0, false, Map.of(), 0);

        public Result {
            flowsByTransport = Map.copyOf(flowsByTransport);
        }

        @Override
        public String toString() {
            String by = flowsByTransport.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().param() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return registers + " REGISTER and " + calls + " call flows (" + by + "; " + failed + " failed) in "
                    + millis + " ms through " + servers + (servers == 1 ? " server, " : " servers, ") + compileMillis
                    + " ms of JIT compiling, " + (settled ? "settled" : "not settled");
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
     * transports of {@code stack} that phones register on; {@code plug} wires each throwaway
     * server as the daemon wires its own, with throwaway tap and listeners of the same classes.
     */
    public static Result run(DigestAlgorithm algorithm, StackConfig stack, BooleanSupplier cancelled,
                             Consumer<SipServer> plug) {
        return run(algorithm, transports(stack), budget(System.getenv(BUDGET_VARIABLE)), cancelled, plug);
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

    /** {@link #run(DigestAlgorithm, Set, Duration, BooleanSupplier, Consumer)} with nothing plugged in. */
    static Result run(DigestAlgorithm algorithm, Set<Transport> transports, Duration budget, BooleanSupplier cancelled) {
        return run(algorithm, transports, budget, cancelled, server -> { });
    }

    /**
     * Warms up with the digest algorithm the daemon will challenge with, over
     * {@code transports} (of UDP, TCP, TLS), for at most {@code budget} (zero: not at all) or
     * until {@code cancelled} (the daemon is asked to stop); never throws (a failed warm-up
     * leaves a slower first second, never a daemon that does not start).
     */
    public static Result run(DigestAlgorithm algorithm, Set<Transport> transports, Duration budget,
                             BooleanSupplier cancelled, Consumer<SipServer> plug) {
        if (budget.isZero()) {
            return Result.NONE;
        }
        long start = System.nanoTime();
        LOG.info("warm-up: throwaway servers on 127.0.0.1 take REGISTER and call flows over {} for at most {} s ({})",
                names(transports), budget.toSeconds(), BUDGET_VARIABLE);
        Path dir = null;
        WarmupTally tally = new WarmupTally(start, budget);
        try {
            dir = Files.createTempDirectory("sipwitch-warmup-");
            WarmupKeystore keys = transports.contains(Transport.TLS) ? keystore(dir) : null;
            List<Transport> used = transports.stream().filter(t -> t != Transport.TLS || keys != null).toList();
            Path xml = dir.resolve("warmup.xml");
            Files.writeString(xml, config(algorithm, used, keys));
            LiveConfig config = new LiveConfig(xml); // read once: the servers follow one another, as after `restart`
            for (int g = 0; tally.goOn(cancelled); g++) {
                try (SipServer server = new SipServer(config, Files.createDirectory(dir.resolve("state-" + g)))) {
                    server.keepFewNonceCounts(NONCE_COUNTS);
                    server.quietListeners();
                    server.start();
                    plug.accept(server);
                    drive(server, used, keys, algorithm, tally, cancelled, g < SHORT_GENERATIONS);
                }
            }
        } catch (IOException | ConfigException | RuntimeException e) {
            LOG.warn("warm-up ended early: {}", e.toString());
        } finally {
            delete(dir);
        }
        return tally.result();
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

    /**
     * One server's generation: its phones run until the warm-up ends or, for a {@code brief}
     * one, {@link #SHORT_GENERATION_MILLIS} have passed.
     */
    private static void drive(SipServer server, List<Transport> transports, WarmupKeystore keys,
                              DigestAlgorithm algorithm, WarmupTally tally, BooleanSupplier cancelled, boolean brief) {
        long end = brief ? Math.min(tally.deadline(), System.nanoTime() + SHORT_GENERATION_MILLIS * 1_000_000L)
                : tally.deadline();
        AtomicBoolean stop = new AtomicBoolean();
        List<WarmupPhone> phones = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            Transport transport = transports.get(i % transports.size());
            int most = transport.isStream() ? WarmupPhone.STREAM_FLOWS - tally.flowsOfPhone(i) : Integer.MAX_VALUE;
            if (most <= 0) {
                continue;
            }
            InetSocketAddress target = server.transports().addresses(transport).get(0);
            WarmupPhone p = new WarmupPhone(target, transport, keys == null ? null : keys.client(), algorithm, i, most,
                    stop);
            phones.add(p);
            Thread t = new Thread(p, "sipwitch-warmup-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        tally.windowFromNow();
        try {
            while (!stop.get() && tally.goOn(cancelled) && System.nanoTime() < end) {
                Thread.sleep(TICK_MILLIS);
                tally.tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean gaveUp = stop.getAndSet(true); // a phone that stops the whole generation gave up on the server
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (WarmupPhone p : phones) {
            tally.add(p);
            if (p.broken() != null) {
                LOG.info("a warm-up phone over {} stopped early: {}", p.transport(), p.broken());
            }
        }
        tally.serverDone(gaveUp);
    }

    private static String names(Collection<Transport> transports) {
        return transports.stream().map(Transport::param).collect(Collectors.joining(" "));
    }

    private static String config(DigestAlgorithm algorithm, List<Transport> transports, WarmupKeystore keys) {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < PHONES; i++) {
            for (String user : WarmupPhone.users(i)) {
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
