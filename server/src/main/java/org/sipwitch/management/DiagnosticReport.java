package org.sipwitch.management;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipwitch.config.ConfigDump;
import org.sipwitch.config.LiveConfig;

/**
 * The text of {@code snapshot} and {@code abort} files: version, uptime, the effective
 * configuration as {@link ConfigDump} prints it (secrets masked there), threads, heap and
 * the daemon's counts. Written into the state directory, mode 0600. Nothing here reads
 * secrets: credentials, trace texts and log messages are not part of it.
 */
final class DiagnosticReport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final LiveConfig config;
    private final Path stateDir;
    private final Supplier<Map<String, Object>> counts;

    DiagnosticReport(LiveConfig config, Path stateDir, Supplier<Map<String, Object>> counts) {
        this.config = config;
        this.stateDir = stateDir;
        this.counts = counts;
    }

    /** Writes {@code <kind>-<utc time>.txt}; with stacks for {@code abort}. */
    Path write(String kind, boolean stacks) throws IOException {
        List<String> lines = lines(kind, stacks);
        Files.createDirectories(stateDir);
        for (int attempt = 0; ; attempt++) {
            String suffix = attempt == 0 ? "" : "-" + attempt;
            Path file = stateDir.resolve(kind + "-" + STAMP.format(Instant.now()) + suffix + ".txt");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                continue; // two in the same millisecond
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file.toAbsolutePath();
        }
    }

    List<String> lines(String kind, boolean stacks) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        List<String> out = new ArrayList<>();
        out.add("sipwitch " + kind);
        out.add("version = " + Version.get());
        out.add("time = " + Instant.now());
        out.add("pid = " + ProcessHandle.current().pid());
        out.add("uptime = " + runtime.getUptime() / 1000 + " s");
        out.add("java = " + runtime.getVmName() + " " + runtime.getVmVersion());
        out.add("");
        out.add("[counts]");
        counts.get().forEach((k, v) -> out.add(k + " = " + v));
        out.add("");
        out.add("[memory]");
        memory(out);
        out.add("");
        out.add("[threads]");
        threads(out, stacks);
        out.add("");
        out.add("[config] generation " + config.generation() + ", " + config.file());
        out.addAll(ConfigDump.lines(config));
        return out;
    }

    private static void memory(List<String> out) {
        var memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        out.add("heap.used = " + mib(heap.getUsed()));
        out.add("heap.committed = " + mib(heap.getCommitted()));
        out.add("heap.max = " + (heap.getMax() < 0 ? "unbounded" : mib(heap.getMax())));
        out.add("non-heap.used = " + mib(memory.getNonHeapMemoryUsage().getUsed()));
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.add("gc." + gc.getName().replace(' ', '-') + " = " + gc.getCollectionCount() + " collections, "
                    + gc.getCollectionTime() + " ms");
        }
    }

    private static void threads(List<String> out, boolean stacks) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ThreadInfo[] all = threads.dumpAllThreads(stacks, stacks);
        Map<Thread.State, Integer> byState = new EnumMap<>(Thread.State.class);
        for (ThreadInfo t : all) {
            byState.merge(t.getThreadState(), 1, Integer::sum);
        }
        out.add("count = " + all.length + " (peak " + threads.getPeakThreadCount() + ", daemon "
                + threads.getDaemonThreadCount() + ")");
        out.add("by-state = " + byState);
        out.add(HealthChecks.deadlocks().detail());
        for (ThreadInfo t : all) {
            out.add("\"" + t.getThreadName() + "\" " + t.getThreadState()
                    + (t.getLockName() == null ? "" : " on " + t.getLockName()));
            if (stacks) {
                for (StackTraceElement e : t.getStackTrace()) {
                    out.add("    at " + e);
                }
            }
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
