package org.sipwitch.sip.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The ";name=value" parameters of a URI, Via or address: an immutable, ordered map
 * kept as one array of alternating names and values. Such lists hold one to three
 * entries, and every parsed message retains several of them for the lifetime of its
 * transaction, so a LinkedHashMap (plus an unmodifiable wrapper) per list was most of
 * the retained graph; a linear scan over a handful of names is also faster than hashing.
 * Flag parameters map to the empty string. Order and "a later duplicate replaces the
 * value but keeps the first position" follow LinkedHashMap, which this replaced.
 */
public final class Parameters extends AbstractMap<String, String> {
    public static final Parameters NONE = new Parameters(new String[0]);

    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /** The same parameters as an immutable list; null or empty gives {@link #NONE}. */
    public static Parameters copyOf(Map<String, String> params) {
        if (params instanceof Parameters p) {
            return p;
        }
        if (params == null || params.isEmpty()) {
            return NONE;
        }
        Builder b = new Builder(params.size());
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.put(e.getKey(), e.getValue());
        }
        return b.build();
    }

    @Override
    public int size() {
        return pairs.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy with that parameter set: replaced in place when present, else appended. */
    public Parameters with(String name, String value) {
        int i = indexOf(name);
        String[] p;
        if (i >= 0) {
            p = pairs.clone();
        } else {
            p = Arrays.copyOf(pairs, pairs.length + 2);
            i = pairs.length;
            p[i] = name;
        }
        p[i + 1] = value;
        return new Parameters(p);
    }

    /** A copy without that parameter (this very list when it has none). */
    public Parameters without(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return this;
        }
        if (pairs.length == 2) {
            return NONE;
        }
        String[] p = new String[pairs.length - 2];
        System.arraycopy(pairs, 0, p, 0, i);
        System.arraycopy(pairs, i + 2, p, i, pairs.length - i - 2);
        return new Parameters(p);
    }

    /** Writes ";name=value" (";name" for flags) in order. */
    public void appendTo(StringBuilder b) {
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(';').append(pairs[i]);
            if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                b.append('=').append(pairs[i + 1]);
            }
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return pairs.length >> 1;
            }
        };
    }

    /** Collects parameters in order; a repeated name replaces the earlier value in its place. */
    public static final class Builder {
        private String[] pairs;
        private int length;

        public Builder() {
            this(2);
        }

        public Builder(int expected) {
            pairs = new String[Math.max(expected, 1) * 2];
        }

        public Builder put(String name, String value) {
            if (name == null) {
                throw new NullPointerException("parameter name");
            }
            for (int i = 0; i < length; i += 2) {
                if (pairs[i].equals(name)) {
                    pairs[i + 1] = value;
                    return this;
                }
            }
            if (length == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[length++] = name;
            pairs[length++] = value;
            return this;
        }

        public Parameters build() {
            if (length == 0) {
                return NONE;
            }
            // the list outlives the parse, so it must not carry spare slots
            String[] exact = length == pairs.length ? pairs : Arrays.copyOf(pairs, length);
            pairs = null;
            return new Parameters(exact);
        }
    }
}
