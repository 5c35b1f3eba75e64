package org.sipwitch.management;

import org.sipwitch.mbeans.HistoryInfo;
import org.sipwitch.mbeans.HistoryMXBean;

/** {@code sipwitch:type=History}: the ring of recent warnings and errors. */
final class HistoryBean implements HistoryMXBean {

    static final int DEFAULT_SIZE = 200;

    private final HistoryRing ring;

    HistoryBean(HistoryRing ring) {
        this.ring = ring;
    }

    @Override
    public HistoryInfo history(int size) {
        if (size != 0) {
            ring.resize(size);
        }
        return new HistoryInfo(ring.size(), ring.lines());
    }
}
