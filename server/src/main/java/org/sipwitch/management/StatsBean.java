package org.sipwitch.management;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;
import org.sipwitch.mbeans.StatsMXBean;
import org.sipwitch.sip.call.CallStatistics;

/**
 * {@code sipwitch:type=Stats}: {@link CallStatistics} to the outside, and the clock
 * of the periodic statistics: every {@code period} minutes it closes a period and emits
 * a {@code sipwitch.period} event.
 */
final class StatsBean implements StatsMXBean {

    static final int DEFAULT_PERIOD = 5;
    static final int MAX_PERIOD = 1440;

    private final CallStatistics statistics;
    private final Events events;
    private final ScheduledExecutorService timer;
    private int period = DEFAULT_PERIOD;
    private ScheduledFuture<?> next;

    StatsBean(CallStatistics statistics, Events events, ScheduledExecutorService timer) {
        this.statistics = statistics;
        this.events = events;
        this.timer = timer;
    }

    synchronized StatsBean start() {
        schedule();
        return this;
    }

    @Override
    public List<EntityStats> getStats() {
        return statistics.stats();
    }

    @Override
    public List<PeriodStats> getPeriodicStats() {
        return statistics.lastPeriod();
    }

    @Override
    public synchronized int getPeriod() {
        return period;
    }

    @Override
    public synchronized void setPeriod(int minutes) {
        if (minutes < 1 || minutes > MAX_PERIOD) {
            throw new IllegalArgumentException("period must be 1 to " + MAX_PERIOD + " minutes, not " + minutes);
        }
        period = minutes;
        // as GNU sipwitch's "period" for cron: the running period closes now (its
        // PeriodStats say how long it really was), the next ones last the new interval
        closePeriod();
        schedule();
    }

    private void schedule() {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.scheduleAtFixedRate(this::closePeriod, period, period, TimeUnit.MINUTES);
    }

    void closePeriod() {
        PeriodStats system = statistics.rollPeriod(System.currentTimeMillis()).get(0);
        events.period(system.minutes(), system.incoming());
    }
}
