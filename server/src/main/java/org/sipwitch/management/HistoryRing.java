package org.sipwitch.management;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.sipwitch.mbeans.HistoryLine;

/** A resizable ring of the most recent log lines, oldest first. Thread-safe. */
final class HistoryRing {

    static final int MAX_SIZE = 100_000;

    private final Deque<HistoryLine> lines = new ArrayDeque<>();
    private int size;

    HistoryRing(int size) {
        this.size = check(size);
    }

    synchronized void add(HistoryLine line) {
        lines.addLast(line);
        trim();
    }

    synchronized int size() {
        return size;
    }

    /** Changes how many lines are kept; shrinking drops the oldest. */
    synchronized void resize(int newSize) {
        size = check(newSize);
        trim();
    }

    synchronized List<HistoryLine> lines() {
        return new ArrayList<>(lines);
    }

    private void trim() {
        while (lines.size() > size) {
            lines.removeFirst();
        }
    }

    private static int check(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("history size must be 1 to " + MAX_SIZE + ", not " + size);
        }
        return size;
    }
}
