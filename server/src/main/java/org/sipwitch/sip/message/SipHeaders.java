package org.sipwitch.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The ordered header lines of a message. Order matters in SIP (Via, Route), so this
 * is a list, not a map; messages carry a dozen headers, so a linear scan comparing
 * canonical names (shared constants for known headers, so by identity) is cheaper
 * than hashing.
 * One {@link HeaderLine} per line and one array: every retained message keeps this
 * structure for the life of its transaction.
 */
public final class SipHeaders {
    private static final HeaderLine[] EMPTY = new HeaderLine[0];

    private HeaderLine[] lines;
    private int size;

    public SipHeaders() {
        this.lines = new HeaderLine[16];
    }

    private SipHeaders(HeaderLine[] lines, int size) {
        this.lines = lines;
        this.size = size;
    }

    /** The first value of the named header, or null. */
    public String get(String name) {
        HeaderLine line = first(name);
        return line == null ? null : line.value;
    }

    /** The first line of the named header, or null; the typed accessors keep their parse on it. */
    HeaderLine first(String name) {
        int i = indexOf(HeaderNames.knownOrNull(name), name, 0);
        return i < 0 ? null : lines[i];
    }

    /** Every header line of that name, in order, each value as it stood. */
    public List<String> getAll(String name) {
        String known = HeaderNames.knownOrNull(name);
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (matches(lines[i], known, name)) {
                out.add(lines[i].value);
            }
        }
        return out;
    }

    /** How many lines of that name there are, without collecting them (checked on every message). */
    public int count(String name) {
        String known = HeaderNames.knownOrNull(name);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (matches(lines[i], known, name)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The list elements of a list header across all its lines: "Via: a, b" and two
     * lines "Via: a" / "Via: b" give the same answer.
     */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (String line : getAll(name)) {
            out.addAll(HeaderValues.splitList(line));
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    public SipHeaders add(String name, String value) {
        insert(size, new HeaderLine(HeaderNames.canonical(name), value));
        return this;
    }

    /** Appends every line of that name from {@code other}, sharing the lines and their kept parses. */
    SipHeaders addAllFrom(SipHeaders other, String name) {
        String known = HeaderNames.knownOrNull(name);
        for (int i = 0; i < other.size; i++) {
            if (matches(other.lines[i], known, name)) {
                insert(size, other.lines[i]);
            }
        }
        return this;
    }

    /** Appends the first line of that name from {@code other} (nothing when it has none), shared. */
    SipHeaders addFirstFrom(SipHeaders other, String name) {
        HeaderLine line = other.first(name);
        if (line != null) {
            insert(size, line);
        }
        return this;
    }

    /** Adds before every other header of that name (a proxy's own Via or Record-Route). */
    public SipHeaders addFirst(String name, String value) {
        String known = HeaderNames.knownOrNull(name);
        int at = indexOf(known, name, 0);
        insert(at < 0 ? size : at, new HeaderLine(known != null ? known : name, value));
        return this;
    }

    /** Replaces all lines of that name by one, keeping the position of the first. */
    public SipHeaders set(String name, String value) {
        String known = HeaderNames.knownOrNull(name);
        int at = indexOf(known, name, 0);
        HeaderLine line = new HeaderLine(known != null ? known : name, value);
        if (at < 0) {
            insert(size, line);
            return this;
        }
        lines[at] = line;
        removeFrom(known, name, at + 1);
        return this;
    }

    public SipHeaders remove(String name) {
        removeFrom(HeaderNames.knownOrNull(name), name, 0);
        return this;
    }

    /** Removes the first list element of a list header (the top Via), keeping the rest. */
    public String removeFirstValue(String name) {
        int i = indexOf(HeaderNames.knownOrNull(name), name, 0);
        if (i < 0) {
            return null;
        }
        HeaderLine line = lines[i];
        List<String> parts = HeaderValues.splitList(line.value);
        if (parts.size() <= 1) {
            System.arraycopy(lines, i + 1, lines, i, size - i - 1);
            lines[--size] = null;
        } else {
            lines[i] = new HeaderLine(line.name, String.join(", ", parts.subList(1, parts.size())));
        }
        return parts.isEmpty() ? null : parts.get(0);
    }

    /**
     * Replaces the first list element of a list header (the top Via) by a new value,
     * keeping the other elements of that line and every other line as they stood.
     * Returns false when there is no such header.
     */
    public boolean replaceFirstValue(String name, String newValue) {
        int i = indexOf(HeaderNames.knownOrNull(name), name, 0);
        if (i < 0) {
            return false;
        }
        HeaderLine line = lines[i];
        List<String> parts = HeaderValues.splitList(line.value);
        String value;
        if (parts.size() <= 1) {
            value = newValue;
        } else {
            value = newValue + ", " + String.join(", ", parts.subList(1, parts.size()));
        }
        lines[i] = new HeaderLine(line.name, value);
        return true;
    }

    public int size() {
        return size;
    }

    /** The canonical name of the line at that position, for serializers that walk the lines. */
    public String name(int index) {
        return line(index).name;
    }

    /** The value of the line at that position. */
    public String value(int index) {
        return line(index).value;
    }

    /** The header line at that position. */
    public Header at(int index) {
        HeaderLine line = line(index);
        return new Header(line.name, line.value);
    }

    public List<Header> all() {
        List<Header> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Header(lines[i].name, lines[i].value));
        }
        return Collections.unmodifiableList(out);
    }

    public SipHeaders copy() {
        // lines are immutable but for their kept parse, which is the same for every holder
        return new SipHeaders(size == 0 ? EMPTY : Arrays.copyOf(lines, Math.max(size, 8)), size);
    }

    private HeaderLine line(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        return lines[index];
    }

    /**
     * Whether a line holds the header {@code name}, given its {@link HeaderNames#knownOrNull}.
     * Lines of known headers always hold the shared constant (every way in canonicalizes),
     * so for those identity decides; only sender-spelled names need a case-blind compare.
     */
    private static boolean matches(HeaderLine line, String known, String name) {
        return known != null ? line.name == known : line.name.equalsIgnoreCase(name);
    }

    private int indexOf(String known, String name, int from) {
        for (int i = from; i < size; i++) {
            if (matches(lines[i], known, name)) {
                return i;
            }
        }
        return -1;
    }

    private void insert(int at, HeaderLine line) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, Math.max(8, size * 2));
        }
        System.arraycopy(lines, at, lines, at + 1, size - at);
        lines[at] = line;
        size++;
    }

    private void removeFrom(String known, String name, int from) {
        int kept = from;
        for (int i = from; i < size; i++) {
            if (!matches(lines[i], known, name)) {
                lines[kept++] = lines[i];
            }
        }
        for (int i = kept; i < size; i++) {
            lines[i] = null;
        }
        size = kept;
    }
}
