package org.sipwitch.sip.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.sipwitch.mbeans.EntityStats;

/**
 * Call statistics per entity, kept as calls start and end: {@code system} (every call
 * through the server: each counts once incoming — it came in — and once outgoing —
 * it went out to a target) and each user (outgoing for the caller, incoming for the
 * callee). Current and peak concurrency, time of the last call. Periodic samples are
 * cut by {@link #rollPeriod}, which the Stats MBean calls every {@code period} minutes.
 */
public final class CallStatistics {
    public static final String SYSTEM = "system";

    private final ConcurrentHashMap<String, EntityCounters> entities = new ConcurrentHashMap<>();
    private final EntityCounters system = new EntityCounters(SYSTEM);
    private volatile long periodStart;
    private volatile List<PeriodSample> lastPeriod = List.of();

    public CallStatistics(long nowMillis) {
        this.periodStart = nowMillis;
    }

    private EntityCounters entity(String name) {
        return entities.computeIfAbsent(name, EntityCounters::new);
    }

    /** A call was admitted: caller placed it, callee receives it. */
    public void callStarted(String callerId, String calleeId, long nowMillis) {
        system.started(true, true, nowMillis);
        entity(callerId).started(false, true, nowMillis);
        entity(calleeId).started(true, false, nowMillis);
    }

    public void callEnded(String callerId, String calleeId) {
        system.ended();
        entity(callerId).ended();
        entity(calleeId).ended();
    }

    /** {@code system} first, then users by name. */
    public List<EntityStats> stats() {
        List<EntityStats> out = new ArrayList<>(entities.size() + 1);
        out.add(system.snapshot());
        entities.values().stream().map(EntityCounters::snapshot).sorted(Comparator.comparing(EntityStats::name))
                .forEach(out::add);
        return out;
    }

    /** One entity's numbers; a user never seen in a call has all zeros. */
    public EntityStats stats(String name) {
        if (SYSTEM.equals(name)) {
            return system.snapshot();
        }
        EntityCounters c = entities.get(name);
        return c == null ? new EntityStats(name, 0, 0, 0, 0, 0) : c.snapshot();
    }

    /** Ends the running period at {@code nowMillis}, keeps its samples as {@link #lastPeriod()}, and returns them. */
    public synchronized List<PeriodSample> rollPeriod(long nowMillis) {
        long start = periodStart;
        List<PeriodSample> out = new ArrayList<>(entities.size() + 1);
        out.add(system.roll(start, nowMillis));
        entities.values().stream().sorted(Comparator.comparing(e -> e.name))
                .forEach(e -> out.add(e.roll(start, nowMillis)));
        periodStart = nowMillis;
        lastPeriod = List.copyOf(out);
        return lastPeriod;
    }

    /** The samples of the last completed period; empty before the first roll. */
    public List<PeriodSample> lastPeriod() {
        return lastPeriod;
    }
}
