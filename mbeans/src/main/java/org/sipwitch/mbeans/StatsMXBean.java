package org.sipwitch.mbeans;

import java.util.List;

/** {@code sipwitch:type=Stats}: call statistics. Verbs: stats, pstats, period. */
@Description("Call statistics per entity, and periodic statistics")
public interface StatsMXBean {

    @Description("Call statistics per entity since start: in/out totals, current, peak (verb: stats)")
    List<EntityStats> getStats();

    @Description("Statistics per entity over the last completed period (verb: pstats)")
    List<PeriodStats> getPeriodicStats();

    @Description("Minutes per periodic statistics collection (verb: period)")
    int getPeriod();

    @Description("Close the running period now (its figures become PeriodicStats) and collect every so many "
            + "minutes, 1 to 1440, from now on (verb: period interval)")
    void setPeriod(int minutes);
}
