package org.sipwitch.management;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;

/**
 * Call statistics per entity (a user id, extension, gateway...) and for {@value #SYSTEM},
 * the whole server. The call engine reports each call once when it starts and once when
 * it ends, from any thread:
 * <pre>{@code
 * statistics.callStarted("alice", "bob");   // alice: out+1, bob: in+1, system: in+1
 * ...
 * statistics.callEnded("alice", "bob");
 * }</pre>
 * A null or empty entity (an outside caller, say) is counted in {@value #SYSTEM} only.
 * {@value #SYSTEM} counts every call once in {@code inTotal}, and its current/peak are
 * server-wide. Periods are closed by {@link #rollPeriod}.
 */
public final class CallStatistics {

    public static final String SYSTEM = "system";

    private final Map<String, EntityCounter> counters = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final EntityCounter system = new EntityCounter(SYSTEM);
    private volatile List<PeriodStats> lastPeriod = List.of();
    private volatile long periodStart;

    public CallStatistics() {
        this(System::currentTimeMillis);
    }

    CallStatistics(LongSupplier clock) {
        this.clock = clock;
        this.periodStart = clock.getAsLong();
        counters.put(SYSTEM, system);
    }

    public void callStarted(String fromEntity, String toEntity) {
        long now = clock.getAsLong();
        system.started(true, now);
        if (!Args.empty(fromEntity)) {
            counter(fromEntity).started(false, now);
        }
        if (!Args.empty(toEntity)) {
            counter(toEntity).started(true, now);
        }
    }

    public void callEnded(String fromEntity, String toEntity) {
        system.ended();
        if (!Args.empty(fromEntity)) {
            counter(fromEntity).ended();
        }
        if (!Args.empty(toEntity)) {
            counter(toEntity).ended();
        }
    }

    /** Every entity's statistics since start, {@value #SYSTEM} first, then by name. */
    public List<EntityStats> stats() {
        List<EntityStats> out = new ArrayList<>();
        for (EntityCounter c : counters.values()) {
            out.add(c.stats());
        }
        out.sort(Comparator.comparing((EntityStats s) -> !s.name().equals(SYSTEM)).thenComparing(EntityStats::name));
        return out;
    }

    /** The statistics of the last completed period (empty before the first one completes). */
    public List<PeriodStats> lastPeriod() {
        return lastPeriod;
    }

    /**
     * Closes the period in progress (its length is what the clock says, in whole minutes)
     * and starts the next; returns how many calls started in the closed period.
     */
    public synchronized long rollPeriod() {
        long start = periodStart;
        periodStart = clock.getAsLong();
        int minutes = (int) Math.round((periodStart - start) / 60_000.0);
        List<PeriodStats> out = new ArrayList<>();
        for (EntityCounter c : counters.values()) {
            out.add(c.roll(start, minutes));
        }
        out.sort(Comparator.comparing((PeriodStats s) -> !s.name().equals(SYSTEM)).thenComparing(PeriodStats::name));
        lastPeriod = List.copyOf(out);
        return out.stream().filter(p -> p.name().equals(SYSTEM)).mapToLong(PeriodStats::incoming).sum();
    }

    /** Length of the last completed period in minutes, 0 before the first. */
    public int lastPeriodMinutes() {
        List<PeriodStats> p = lastPeriod;
        return p.isEmpty() ? 0 : p.get(0).minutes();
    }

    private EntityCounter counter(String name) {
        String key = name.strip();
        return counters.computeIfAbsent(key, EntityCounter::new);
    }
}
