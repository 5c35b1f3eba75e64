package org.sipwitch.control;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Reads the open data MXBeans return. The bridge never sees the records of
 * {@code org.sipwitch.mbeans}, only CompositeData, exactly as a remote console would.
 */
final class OpenData {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private OpenData() {
    }

    /** The rows of a list/array (CompositeData[]) or TabularData value; empty for null. */
    static List<CompositeData> rows(Object value) {
        List<CompositeData> rows = new ArrayList<>();
        if (value instanceof CompositeData[] array) {
            rows.addAll(List.of(array));
        } else if (value instanceof TabularData table) {
            for (Object row : table.values()) {
                rows.add((CompositeData) row);
            }
        } else if (value instanceof CompositeData single) {
            rows.add(single);
        }
        return rows;
    }

    static String text(CompositeData cd, String key) {
        Object v = cd.containsKey(key) ? cd.get(key) : null;
        return v == null ? "" : v.toString();
    }

    static long number(CompositeData cd, String key) {
        Object v = cd.containsKey(key) ? cd.get(key) : null;
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static boolean flag(CompositeData cd, String key) {
        return cd.containsKey(key) && Boolean.TRUE.equals(cd.get(key));
    }

    /** Local time {@code yyyy-MM-dd HH:mm:ss}, or {@code -} for 0. */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code H:MM:SS}. */
    static String duration(long seconds) {
        long s = Math.max(0, seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Text split into lines (CRLF or LF), without a trailing empty line. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
