package org.sipwitch.mbeans;

import java.util.List;

/**
 * The history ring: its size and its lines, oldest first.
 *
 * @param size  how many lines the ring keeps
 * @param lines the lines it holds now
 */
public record HistoryInfo(int size, List<HistoryLine> lines) {
}
