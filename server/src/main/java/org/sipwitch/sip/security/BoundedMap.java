package org.sipwitch.sip.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A concurrent map with a cap, so a flood of distinct (spoofed) sources or invented user
 * ids cannot grow a table without bound.
 *
 * <p>Reads are plain {@link ConcurrentHashMap} reads: lock-free. When an insert takes
 * the map past its cap, one thread sweeps it down to three quarters of the cap: first
 * the entries the owner calls disposable (expired windows, full buckets), then, if that
 * was not enough, any entries. Sweeping to 75% rather than to the cap means that even a
 * flood of live entries pays for one O(n) sweep per cap/4 inserts, not one per insert.
 */
final class BoundedMap<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int cap;

    BoundedMap(int cap) {
        setCap(cap);
    }

    void setCap(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1: " + cap);
        }
        this.cap = cap;
    }

    V get(K key) {
        return map.get(key);
    }

    /**
     * The entry for {@code key}, created when missing; a creation may trigger a sweep
     * (which never removes the entry just created, unless everything must go).
     */
    V getOrCreate(K key, Function<? super K, ? extends V> factory, Predicate<? super V> disposable) {
        V value = map.get(key);
        if (value != null) {
            return value;
        }
        V created = factory.apply(key);
        V raced = map.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        if (map.mappingCount() > cap) {
            sweep(disposable, key);
        }
        return created;
    }

    /** Puts when absent; returns the existing value or null (and may sweep, like creation). */
    V putIfAbsent(K key, V value, Predicate<? super V> disposable) {
        V existing = map.putIfAbsent(key, value);
        if (existing == null && map.mappingCount() > cap) {
            sweep(disposable, key);
        }
        return existing;
    }

    boolean replace(K key, V expected, V value) {
        return map.replace(key, expected, value);
    }

    boolean remove(K key, V value) {
        return map.remove(key, value);
    }

    V remove(K key) {
        return map.remove(key);
    }

    void clear() {
        map.clear();
    }

    int size() {
        return (int) Math.min(Integer.MAX_VALUE, map.mappingCount());
    }

    Iterable<Map.Entry<K, V>> entries() {
        return map.entrySet();
    }

    void removeKeysIf(Predicate<? super K> predicate) {
        map.keySet().removeIf(predicate::test);
    }

    void removeIf(Predicate<? super V> predicate) {
        map.values().removeIf(predicate::test);
    }

    private void sweep(Predicate<? super V> disposable, K keep) {
        if (!sweeping.compareAndSet(false, true)) {
            return; // another thread is at it; the map may exceed its cap by a few meanwhile
        }
        try {
            long target = (long) cap * 3 / 4;
            long size = map.mappingCount();
            for (Iterator<Map.Entry<K, V>> it = map.entrySet().iterator(); it.hasNext() && size > target; ) {
                Map.Entry<K, V> e = it.next();
                if (!e.getKey().equals(keep) && disposable.test(e.getValue())) {
                    it.remove();
                    size--;
                }
            }
            for (Iterator<Map.Entry<K, V>> it = map.entrySet().iterator(); it.hasNext() && size > target; ) {
                if (!it.next().getKey().equals(keep)) {
                    it.remove();
                    size--;
                }
            }
        } finally {
            sweeping.set(false);
        }
    }
}
