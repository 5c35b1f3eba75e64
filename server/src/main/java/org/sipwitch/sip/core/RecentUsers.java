package org.sipwitch.sip.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users who recently authenticated, and from where: the {@code usercache} verb.
 * Bounded, so a server with many users keeps only the most recent ones.
 */
public final class RecentUsers {
    /** One entry: who, from which address, when (epoch millis). */
    public record Entry(String user, String address, long lastSeen) {
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Entry> byUser = new ConcurrentHashMap<>();

    public RecentUsers(int capacity) {
        this.capacity = capacity;
    }

    void seen(String user, InetAddress from, long now) {
        if (user == null) {
            return;
        }
        byUser.put(user, new Entry(user, from == null ? "" : from.getHostAddress(), now));
        if (byUser.size() > capacity) {
            evictOldest();
        }
    }

    private void evictOldest() {
        byUser.values().stream().min(Comparator.comparingLong(Entry::lastSeen))
                .ifPresent(oldest -> byUser.remove(oldest.user(), oldest));
    }

    /** Newest first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(byUser.values());
        list.sort(Comparator.comparingLong(Entry::lastSeen).reversed());
        return list;
    }
}
