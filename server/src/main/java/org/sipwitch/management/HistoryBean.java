package org.sipwitch.management;

import java.util.List;
import java.util.function.Supplier;
import org.sipwitch.mbeans.CallRecord;
import org.sipwitch.mbeans.HistoryInfo;
import org.sipwitch.mbeans.HistoryMXBean;

/** {@code sipwitch:type=History}: the ring of recent warnings and errors, and the recent call detail records. */
final class HistoryBean implements HistoryMXBean {

    static final int DEFAULT_SIZE = 200;

    private final HistoryRing ring;
    private final Supplier<List<CallRecord>> recentCdr;

    HistoryBean(HistoryRing ring, Supplier<List<CallRecord>> recentCdr) {
        this.ring = ring;
        this.recentCdr = recentCdr;
    }

    @Override
    public List<CallRecord> getCdr() {
        return recentCdr.get();
    }

    @Override
    public HistoryInfo history(int size) {
        if (size != 0) {
            ring.resize(size);
        }
        return new HistoryInfo(ring.size(), ring.lines());
    }
}
