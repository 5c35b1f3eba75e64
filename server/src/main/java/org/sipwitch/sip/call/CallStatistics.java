package org.sipwitch.sip.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Call statistics per entity (a user id, extension, gateway...) and for {@value #SYSTEM},
 * the whole server, kept as calls start and end, from any lane:
 * <pre>{@code
 * statistics.callStarted("alice", "bob", now);   // alice: out+1, bob: in+1, system: in+1
 * ...
 * statistics.callEnded("alice", "bob");
 * }</pre>
 * A null or blank entity (an outside caller, say) is counted in {@value #SYSTEM} only.
 * {@value #SYSTEM} counts every call once, in {@code inTotal}, and its current/peak are
 * server-wide. Periods ({@code pstats}) are cut by {@link #rollPeriod}, which the Stats
 * MBean calls every {@code period} minutes.
 */
public final class CallStatistics {
    public static final String SYSTEM = "system";

    private final ConcurrentHashMap<String, EntityCounters> entities = new ConcurrentHashMap<>();
    private final EntityCounters system = new EntityCounters(SYSTEM);
    private volatile long periodStart;
    private volatile List<PeriodTotals> lastPeriod = List.of();

    public CallStatistics(long nowMillis) {
        this.periodStart = nowMillis;
        entities.put(SYSTEM, system);
    }

    /** A call was admitted: caller placed it, callee receives it. */
    public void callStarted(String callerId, String calleeId, long nowMillis) {
        system.started(true, nowMillis);
        if (named(callerId)) {
            entity(callerId).started(false, nowMillis);
        }
        if (named(calleeId)) {
            entity(calleeId).started(true, nowMillis);
        }
    }

    public void callEnded(String callerId, String calleeId) {
        system.ended();
        if (named(callerId)) {
            entity(callerId).ended();
        }
        if (named(calleeId)) {
            entity(calleeId).ended();
        }
    }

    /** Every entity's numbers since start, {@value #SYSTEM} first, then by name. */
    public List<EntityTotals> stats() {
        List<EntityTotals> out = new ArrayList<>(entities.size());
        for (EntityCounters c : entities.values()) {
            out.add(c.snapshot());
        }
        out.sort(systemFirst(EntityTotals::name));
        return out;
    }

    /** One entity's numbers; a user never seen in a call has all zeros. */
    public EntityTotals stats(String name) {
        EntityCounters c = entities.get(name);
        return c == null ? new EntityTotals(name, 0, 0, 0, 0, 0) : c.snapshot();
    }

    /**
     * Ends the running period at {@code nowMillis} (its length in whole minutes, rounded),
     * keeps its figures as {@link #lastPeriod()} and returns them, {@value #SYSTEM} first.
     */
    public synchronized List<PeriodTotals> rollPeriod(long nowMillis) {
        long start = periodStart;
        int minutes = (int) Math.round((nowMillis - start) / 60_000.0);
        List<PeriodTotals> out = new ArrayList<>(entities.size());
        for (EntityCounters c : entities.values()) {
            out.add(c.roll(start, minutes));
        }
        out.sort(systemFirst(PeriodTotals::name));
        periodStart = nowMillis;
        lastPeriod = List.copyOf(out);
        return lastPeriod;
    }

    /** The figures of the last completed period; empty before the first roll. */
    public List<PeriodTotals> lastPeriod() {
        return lastPeriod;
    }

    private static boolean named(String entity) {
        return entity != null && !entity.isBlank();
    }

    private EntityCounters entity(String name) {
        return entities.computeIfAbsent(name.strip(), EntityCounters::new);
    }

    private static <T> Comparator<T> systemFirst(java.util.function.Function<T, String> name) {
        return Comparator.comparing((T t) -> !name.apply(t).equals(SYSTEM)).thenComparing(name);
    }
}
