package org.sipwitch.wiring;

import java.util.List;
import org.sipwitch.management.StatsSource;
import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;
import org.sipwitch.sip.call.CallStatistics;
import org.sipwitch.sip.call.EntityTotals;
import org.sipwitch.sip.call.PeriodTotals;

/**
 * The Stats MBean's source: the daemon's {@link CallStatistics}, its figures in the
 * control model's records. One instance for the daemon's life, so the counts outlive
 * a restart of the SIP server.
 */
final class CallCounts implements StatsSource {
    private final CallStatistics statistics;

    CallCounts(CallStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public List<EntityStats> stats() {
        return statistics.stats().stream().map(CallCounts::entity).toList();
    }

    @Override
    public List<PeriodStats> lastPeriod() {
        return statistics.lastPeriod().stream().map(CallCounts::period).toList();
    }

    @Override
    public List<PeriodStats> rollPeriod(long nowMillis) {
        return statistics.rollPeriod(nowMillis).stream().map(CallCounts::period).toList();
    }

    static EntityStats entity(EntityTotals t) {
        return new EntityStats(t.name(), t.inTotal(), t.outTotal(), t.current(), t.peak(), t.lastCall());
    }

    static PeriodStats period(PeriodTotals t) {
        return new PeriodStats(t.name(), t.periodStart(), t.minutes(), t.incoming(), t.outgoing(), t.peak(),
                t.minimum());
    }
}
