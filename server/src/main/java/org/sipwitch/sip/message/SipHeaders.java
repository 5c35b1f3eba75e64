package org.sipwitch.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ordered header lines of a message. Order matters in SIP (Via, Route), so this
 * is a list, not a map; messages carry a dozen headers, so a linear scan on a
 * pre-computed key is cheaper than hashing.
 */
public final class SipHeaders {
    private final List<Entry> entries = new ArrayList<>(16);

    private record Entry(String key, Header header) {
    }

    /** The first value of the named header, or null. */
    public String get(String name) {
        String key = HeaderNames.key(name);
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                return e.header.value();
            }
        }
        return null;
    }

    /** Every header line of that name, in order, each value as it stood. */
    public List<String> getAll(String name) {
        String key = HeaderNames.key(name);
        List<String> out = new ArrayList<>(2);
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                out.add(e.header.value());
            }
        }
        return out;
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
        return get(name) != null;
    }

    public SipHeaders add(String name, String value) {
        String canonical = HeaderNames.canonical(name);
        entries.add(new Entry(HeaderNames.key(canonical), new Header(canonical, value)));
        return this;
    }

    /** Adds before every other header of that name (a proxy's own Via or Record-Route). */
    public SipHeaders addFirst(String name, String value) {
        String canonical = HeaderNames.canonical(name);
        String key = HeaderNames.key(canonical);
        int at = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key.equals(key)) {
                at = i;
                break;
            }
        }
        entries.add(at, new Entry(key, new Header(canonical, value)));
        return this;
    }

    /** Replaces all lines of that name by one, keeping the position of the first. */
    public SipHeaders set(String name, String value) {
        String canonical = HeaderNames.canonical(name);
        String key = HeaderNames.key(canonical);
        int at = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key.equals(key)) {
                entries.remove(i);
                at = i;
            }
        }
        Entry entry = new Entry(key, new Header(canonical, value));
        if (at < 0) {
            entries.add(entry);
        } else {
            entries.add(at, entry);
        }
        return this;
    }

    public SipHeaders remove(String name) {
        String key = HeaderNames.key(name);
        entries.removeIf(e -> e.key.equals(key));
        return this;
    }

    /** Removes the first list element of a list header (the top Via), keeping the rest. */
    public String removeFirstValue(String name) {
        String key = HeaderNames.key(name);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.key.equals(key)) {
                List<String> parts = HeaderValues.splitList(e.header.value());
                if (parts.size() <= 1) {
                    entries.remove(i);
                } else {
                    entries.set(i, new Entry(key, new Header(e.header.name(),
                            String.join(", ", parts.subList(1, parts.size())))));
                }
                return parts.isEmpty() ? null : parts.get(0);
            }
        }
        return null;
    }

    /**
     * Replaces the first list element of a list header (the top Via) by a new value,
     * keeping the other elements of that line and every other line as they stood.
     * Returns false when there is no such header.
     */
    public boolean replaceFirstValue(String name, String newValue) {
        String key = HeaderNames.key(name);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.key.equals(key)) {
                List<String> parts = HeaderValues.splitList(e.header.value());
                String value;
                if (parts.size() <= 1) {
                    value = newValue;
                } else {
                    value = newValue + ", " + String.join(", ", parts.subList(1, parts.size()));
                }
                entries.set(i, new Entry(key, new Header(e.header.name(), value)));
                return true;
            }
        }
        return false;
    }

    public int size() {
        return entries.size();
    }

    /** The header line at that position, for serializers that walk the lines without copying. */
    public Header at(int index) {
        return entries.get(index).header;
    }

    public List<Header> all() {
        List<Header> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.header);
        }
        return Collections.unmodifiableList(out);
    }

    public SipHeaders copy() {
        SipHeaders c = new SipHeaders();
        c.entries.addAll(entries);
        return c;
    }
}
