package org.sipwitch.sip.transport;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections refused at accept, counted for {@code policy}, and logged once per
 * refusing period rather than once per connection: a flood of connects must not turn
 * into a flood of log lines.
 */
final class ConnectionRefusals {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipwitch.security");
    private static final long PERIOD_NANOS = 60_000_000_000L;

    private final LongAdder perSource = new LongAdder();
    private final LongAdder tableFull = new LongAdder();
    /** When the current refusing period began; 0 when none is open. */
    private final AtomicLong periodStart = new AtomicLong();
    private final LongAdder inPeriod = new LongAdder();

    void refusedPerSource(InetAddress source, int limit) {
        perSource.increment();
        report("source " + source.getHostAddress() + " holds " + limit + " connections (connections-per-source)");
    }

    void refusedTableFull(InetAddress source, int limit) {
        tableFull.increment();
        report("all " + limit + " connection slots are taken (refusing " + source.getHostAddress() + ")");
    }

    private void report(String why) {
        inPeriod.increment();
        long now = System.nanoTime() | 1; // never 0, which means "no period open"
        long start = periodStart.get();
        if (start != 0 && now - start < PERIOD_NANOS) {
            return;
        }
        if (periodStart.compareAndSet(start, now)) {
            long more = inPeriod.sumThenReset() - 1;
            LOG.warn("refusing TCP/TLS connections: {}{}", why,
                    more > 0 ? " (" + more + " more refused in the last period)" : "");
        }
    }

    /** {@code connections-refused-per-source}, {@code connections-refused-full}. */
    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("connections-refused-per-source", perSource.sum());
        out.put("connections-refused-full", tableFull.sum());
        return out;
    }
}
