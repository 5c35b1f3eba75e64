package org.sipwitch.management;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.sipwitch.mbeans.EntityStats;
import org.sipwitch.mbeans.PeriodStats;
import org.sipwitch.mbeans.StatsMXBean;

/**
 * {@code sipwitch:type=Stats}: the wired {@link StatsSource} to the outside, and the clock
 * of the periodic statistics: every {@code period} minutes it closes a period and emits
 * a {@code sipwitch.period} event.
 */
final class StatsBean implements StatsMXBean {

    static final int DEFAULT_PERIOD = 5;
    static final int MAX_PERIOD = 1440;

    private final ManagementHooks hooks;
    private final Events events;
    private final ScheduledExecutorService timer;
    private int period = DEFAULT_PERIOD;
    private ScheduledFuture<?> next;

    StatsBean(ManagementHooks hooks, Events events, ScheduledExecutorService timer) {
        this.hooks = hooks;
        this.events = events;
        this.timer = timer;
    }

    synchronized StatsBean start() {
        schedule();
        return this;
    }

    @Override
    public List<EntityStats> getStats() {
        return hooks.stats().stats();
    }

    @Override
    public List<PeriodStats> getPeriodicStats() {
        return hooks.stats().lastPeriod();
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
        List<PeriodStats> closed = hooks.stats().rollPeriod(System.currentTimeMillis());
        if (closed.isEmpty()) {
            return; // nothing counts calls (no SIP side wired): no period to report
        }
        PeriodStats system = closed.get(0);
        events.period(system.minutes(), system.incoming());
    }
}
