package org.sipwitch.sip.server;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.sipwitch.sip.security.AccessGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning per minute while the gate refuses or drops requests, with how many and
 * why: the History MBean (and {@code sipwitchctl history}) then shows an attack or an
 * overload and its size, without a log line per packet. A quiet minute writes nothing.
 */
final class GateSummary {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipwitch.security");
    private static final List<String> REFUSALS = List.of("refused-403", "dropped", "refused-503");

    private final AccessGate gate;
    private Map<String, Long> last;

    GateSummary(AccessGate gate) {
        this.gate = gate;
        this.last = gate.counters();
    }

    /** Housekeeping, once a period: logs what changed since the last call, if anything was refused. */
    synchronized void report(long periodSeconds) {
        Map<String, Long> now = gate.counters();
        long refused = 0;
        for (String k : REFUSALS) {
            refused += delta(now, k);
        }
        if (refused > 0) {
            StringJoiner j = new StringJoiner(", ");
            for (Map.Entry<String, Long> e : now.entrySet()) {
                long d = delta(now, e.getKey());
                if (d > 0 && !e.getKey().equals("allowed")) {
                    j.add(e.getKey() + " " + d);
                }
            }
            LOG.warn("security: in the last {}s {} requests allowed, {}", periodSeconds, delta(now, "allowed"), j);
        }
        last = now;
    }

    private long delta(Map<String, Long> now, String key) {
        return now.getOrDefault(key, 0L) - last.getOrDefault(key, 0L);
    }
}
