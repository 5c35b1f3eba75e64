package org.sipwitch.sip.server;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.sipwitch.sip.net.Transport;

/**
 * What the warm-up's servers have done so far and whether it goes on: flows per transport
 * and per phone (a stream phone's quota spans servers), the time budget, and the JIT: the
 * warm-up has done its job once a whole second passed in which compiling took under a
 * tenth of it. Used by the warm-up's own thread only.
 */
final class WarmupTally {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final long SETTLED_COMPILE_MILLIS = 100;

    private final long start;
    private final long deadline;
    private final LongSupplier nanoTime;
    /** Milliseconds the JIT has compiled so far, or null when the JVM does not tell. */
    private final LongSupplier compiled;
    private final long compileAtStart;
    private final Map<Transport, Integer> flows = new EnumMap<>(Transport.class);
    private final Map<Integer, Integer> flowsPerPhone = new HashMap<>();
    private long windowStart;
    private long windowCompile;
    private int registers;
    private int calls;
    private int failed;
    private int servers;
    private boolean settled;
    private boolean gaveUp;

    WarmupTally(long startNanos, Duration budget) {
        this(startNanos, budget, System::nanoTime, jitMillis());
    }

    WarmupTally(long startNanos, Duration budget, LongSupplier nanoTime, LongSupplier compiled) {
        this.start = startNanos;
        this.deadline = startNanos + budget.toNanos();
        this.nanoTime = nanoTime;
        this.compiled = compiled;
        this.compileAtStart = compileMillis();
        windowFromNow();
    }

    long deadline() {
        return deadline;
    }

    /** False once the budget is spent, the JIT has settled, a server did not answer or the daemon stops. */
    boolean goOn(BooleanSupplier cancelled) {
        return !settled && !gaveUp && !cancelled.getAsBoolean() && nanoTime.getAsLong() < deadline;
    }

    /**
     * Starts a JIT window now, as a server's phones start: the time before (a keystore made
     * by keytool, a server binding) compiles nothing and would pass for a settled JIT.
     */
    void windowFromNow() {
        windowStart = nanoTime.getAsLong();
        windowCompile = compileMillis();
    }

    /** Looks at the JIT once a window has passed. */
    void tick() {
        if (compiled != null && nanoTime.getAsLong() - windowStart >= WINDOW_NANOS) {
            long now = compileMillis();
            settled = now - windowCompile < SETTLED_COMPILE_MILLIS;
            windowFromNow();
        }
    }

    /** Flows phone number {@code index} has completed on the servers so far. */
    int flowsOfPhone(int index) {
        return flowsPerPhone.getOrDefault(index, 0);
    }

    void add(WarmupPhone p) {
        registers += p.registers();
        calls += p.calls();
        failed += p.failed();
        flows.merge(p.transport(), p.registers() + p.calls(), Integer::sum);
        flowsPerPhone.merge(p.index(), p.registers() + p.calls(), Integer::sum);
    }

    /** One server is done; {@code gaveUp}: its phones stopped because it did not answer as it should. */
    void serverDone(boolean gaveUp) {
        servers++;
        this.gaveUp |= gaveUp;
    }

    Warmup.Result result() {
        return new Warmup.Result(registers, calls, failed, (nanoTime.getAsLong() - start) / 1_000_000L,
                compileMillis() - compileAtStart, settled, flows, servers);
    }

    private long compileMillis() {
        return compiled == null ? 0 : compiled.getAsLong();
    }

    private static LongSupplier jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }
}
