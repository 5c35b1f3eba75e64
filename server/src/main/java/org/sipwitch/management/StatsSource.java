package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;

/**
 * What the Stats MBean needs from whoever counts calls; wired through
 * {@link ManagementHooks#stats(StatsSource)}. {@link #ABSENT}: nothing counted yet.
 */
public interface StatsSource {

    /** Every entity's numbers since start, {@code system} first. */
    List<EntityStats> stats();

    /** The figures of the last completed period; empty before the first. */
    List<PeriodStats> lastPeriod();

    /** Ends the running period now and returns its figures, {@code system} first (empty when nothing counts). */
    List<PeriodStats> rollPeriod(long nowMillis);

    StatsSource ABSENT = new StatsSource() {
        @Override
        public List<EntityStats> stats() {
            return List.of();
        }

        @Override
        public List<PeriodStats> lastPeriod() {
            return List.of();
        }

        @Override
        public List<PeriodStats> rollPeriod(long nowMillis) {
            return List.of();
        }
    };
}
