package org.sipwitch.management;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.sipwitch.mbeans.HealthCheck;

/** The {@code check} verb: real deadlock detection, plus the SIP side's own probes. */
final class HealthChecks {

    private HealthChecks() {
    }

    static List<HealthCheck> run(ServerHooks hooks) {
        List<HealthCheck> out = new ArrayList<>();
        out.add(deadlocks());
        out.addAll(safely("event-loops", hooks::eventLoops));
        out.addAll(safely("listeners", hooks::listeners));
        out.addAll(safely("errors", hooks::errors));
        return out;
    }

    static List<HealthCheck> run(ManagementHooks hooks) {
        List<HealthCheck> out = run(hooks.server());
        out.addAll(safely("cluster", () -> ClusterBean.check(hooks.cluster())));
        return out;
    }

    static HealthCheck deadlocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads(); // monitors and ownable synchronizers
        if (ids == null || ids.length == 0) {
            return new HealthCheck("deadlocks", true, "no deadlocked threads among " + threads.getThreadCount());
        }
        List<String> names = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null) {
                names.add(info.getThreadName() + " waits for " + info.getLockName()
                        + (info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName()));
            }
        }
        return new HealthCheck("deadlocks", false, ids.length + " deadlocked thread(s): " + String.join("; ", names));
    }

    private static List<HealthCheck> safely(String subject, java.util.function.Supplier<List<HealthCheck>> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return List.of(new HealthCheck(subject, false, "probe failed: " + e));
        }
    }
}
