package org.sipwitch.cdr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.sipwitch.config.CdrConfig;
import org.sipwitch.control.Json;
import org.sipwitch.mbeans.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call detail records: each ended call's record goes to the daily file (at once, see
 * {@link CdrFiles}), to the database when configured, into the ring of recent records
 * (the History MBean's {@code Cdr} view), to the listeners (the {@code sipwitch.cdr}
 * notification) and into the count of ended calls by reason ({@code /metrics}).
 * Called on the call's lane: a failing disk is logged, never thrown at the call.
 */
public final class CallRecords implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecords.class);

    private final CdrConfig config;
    private final CdrFiles files;
    private final CdrDatabase database;
    private final Deque<CallRecord> recent = new ArrayDeque<>();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final List<BiConsumer<CallRecord, String>> listeners = new CopyOnWriteArrayList<>();

    /** @param stateDir the daemon's state directory; records go to its {@code cdr/} */
    public CallRecords(CdrConfig config, Path stateDir, Clock clock) throws IOException {
        this.config = config;
        this.files = config.enabled() && stateDir != null
                ? new CdrFiles(stateDir.resolve("cdr"), config.retentionDays(), clock) : null;
        this.database = config.enabled() ? config.jdbc().map(CdrDatabase::new).orElse(null) : null;
    }

    /** Told every record with its JSON line, after it was written. */
    public void addListener(BiConsumer<CallRecord, String> listener) {
        listeners.add(listener);
    }

    public void accept(CallRecord record) {
        byReason.computeIfAbsent(record.reason(), r -> new LongAdder()).increment();
        if (!config.enabled()) {
            return;
        }
        String line = line(record);
        if (files != null) {
            try {
                files.append(line);
            } catch (IOException e) {
                LOG.error("call detail record {} not written: {}", record.callId(), e.toString());
            }
        }
        if (database != null) {
            database.offer(record);
        }
        synchronized (recent) {
            recent.addLast(record);
            while (recent.size() > config.recent()) {
                recent.removeFirst();
            }
        }
        for (BiConsumer<CallRecord, String> l : listeners) {
            l.accept(record, line);
        }
    }

    /** The record as its file line: the CallRecord's names, in its order. */
    public static String line(CallRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", r.callId());
        m.put("caller", r.caller());
        m.put("callee", r.callee());
        m.put("dialled", r.dialled());
        m.put("gateway", r.gateway());
        m.put("started", r.started());
        m.put("answered", r.answered());
        m.put("ended", r.ended());
        m.put("duration", r.duration());
        m.put("status", r.status());
        m.put("reason", r.reason());
        m.put("callerAddress", r.callerAddress());
        m.put("calleeAddress", r.calleeAddress());
        return Json.compact(m);
    }

    /** The most recent records, oldest first. */
    public List<CallRecord> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Ended calls since start by reason ({@code hangup}, {@code busy}, ...); counted even with records off. */
    public Map<String, Long> endedByReason() {
        Map<String, Long> out = new java.util.TreeMap<>();
        byReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
        if (files != null) {
            files.close();
        }
    }
}
