package org.sipwitch.sip.location;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The location service in memory: a ConcurrentHashMap from user id to an
 * immutable array of that user's bindings, replaced as a whole on every write
 * (copy-on-write: a user has a handful of bindings, and readers — call routing —
 * never lock). Writes of one user are serialised by the map's per-key compute;
 * different users never contend.
 */
public final class InMemoryLocationService implements LocationService {
    private static final Binding[] NONE = new Binding[0];

    private final java.util.concurrent.ConcurrentHashMap<String, Binding[]> users =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, String> userByExtension =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final List<BindingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Clock clock;
    private volatile int maxBindingsPerUser;

    /**
     * @param maxBindingsPerUser hard cap per user; the registrar answers before it
     *                           is reached, so exceeding it here is a caller bug
     */
    public InMemoryLocationService(Clock clock, int maxBindingsPerUser) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBindingsPerUser < 1) {
            throw new IllegalArgumentException("maxBindingsPerUser must be at least 1");
        }
        this.maxBindingsPerUser = maxBindingsPerUser;
    }

    /**
     * A new hard cap, from a reload. Only ever raised: a user who has more devices than a
     * lowered {@code <max-bindings>} must still refresh them (the registrar refuses new
     * ones above the configured number), and they expire in their own time.
     */
    public void allowBindingsPerUser(int max) {
        if (max > maxBindingsPerUser) {
            maxBindingsPerUser = max;
        }
    }

    /** The differences one update made, reported to listeners once the lock is released. */
    private static final class Diff {
        final List<Binding> added = new ArrayList<>(1);
        final List<Binding[]> refreshed = new ArrayList<>(1);
        final List<Binding> removed = new ArrayList<>(0);
        final List<Binding> expired = new ArrayList<>(0);
        List<Binding> after = List.of();
    }

    @Override
    public List<Binding> update(String userId, BindingChange change, BindingListener.Cause cause) {
        long now = clock.millis();
        Diff diff = new Diff();
        users.compute(userId, (k, current) -> {
            Binding[] cur = current == null ? NONE : current;
            List<Binding> live = new ArrayList<>(cur.length);
            for (Binding b : cur) {
                if (b.isExpired(now)) {
                    diff.expired.add(b); // lapsed but not yet swept: goes now
                } else {
                    live.add(b);
                }
            }
            List<Binding> view = Collections.unmodifiableList(live);
            List<Binding> next = change.apply(view);
            if (next == view) {
                next = live;
            } else {
                if (next.size() > maxBindingsPerUser) {
                    throw new IllegalStateException("more than " + maxBindingsPerUser + " bindings for one user");
                }
                for (Binding b : next) {
                    if (!b.userId().equals(userId)) {
                        throw new IllegalArgumentException("binding of another user in update");
                    }
                }
                diff(live, next, diff);
            }
            count.addAndGet(next.size() - cur.length);
            indexExtensions(userId, cur, next);
            diff.after = List.copyOf(next);
            return next.isEmpty() ? null : next.toArray(NONE);
        });
        notify(diff, cause);
        return diff.after;
    }

    private static void diff(List<Binding> before, List<Binding> after, Diff diff) {
        for (Binding a : after) {
            Binding old = find(before, a.contact());
            if (old == null) {
                diff.added.add(a);
            } else if (old != a) {
                diff.refreshed.add(new Binding[] {old, a});
            }
        }
        for (Binding b : before) {
            if (find(after, b.contact()) == null) {
                diff.removed.add(b);
            }
        }
    }

    private static Binding find(List<Binding> list, String contact) {
        for (Binding b : list) {
            if (b.sameContact(contact)) {
                return b;
            }
        }
        return null;
    }

    private void indexExtensions(String userId, Binding[] before, List<Binding> after) {
        for (Binding b : after) {
            if (b.extension() != null) {
                userByExtension.put(b.extension(), userId);
            }
        }
        if (after.isEmpty()) {
            for (Binding b : before) {
                if (b.extension() != null) {
                    userByExtension.remove(b.extension(), userId);
                }
            }
        }
    }

    private void notify(Diff diff, BindingListener.Cause cause) {
        if (listeners.isEmpty()) {
            return;
        }
        for (BindingListener l : listeners) {
            for (Binding b : diff.expired) {
                l.removed(b, BindingListener.Cause.EXPIRED);
            }
            for (Binding b : diff.removed) {
                l.removed(b, cause);
            }
            for (Binding[] pair : diff.refreshed) {
                l.refreshed(pair[0], pair[1]);
            }
            for (Binding b : diff.added) {
                l.added(b);
            }
        }
    }

    @Override
    public List<Binding> removeUser(String userId, BindingListener.Cause cause) {
        Binding[] removed = users.remove(userId);
        if (removed == null) {
            return List.of();
        }
        count.addAndGet(-removed.length);
        for (Binding b : removed) {
            if (b.extension() != null) {
                userByExtension.remove(b.extension(), userId);
            }
        }
        List<Binding> out = Arrays.asList(removed);
        for (BindingListener l : listeners) {
            for (Binding b : out) {
                l.removed(b, cause);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<Binding> lookup(String userId) {
        Binding[] arr = users.get(userId);
        if (arr == null) {
            return List.of();
        }
        long now = clock.millis();
        List<Binding> out = new ArrayList<>(arr.length);
        for (Binding b : arr) {
            if (!b.isExpired(now)) {
                out.add(b);
            }
        }
        return out;
    }

    @Override
    public List<Binding> lookupExtension(String extension) {
        String userId = userByExtension.get(extension);
        return userId == null ? List.of() : lookup(userId);
    }

    @Override
    public List<Binding> all() {
        long now = clock.millis();
        List<Binding> out = new ArrayList<>(count.get());
        for (Binding[] arr : users.values()) {
            for (Binding b : arr) {
                if (!b.isExpired(now)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    @Override
    public List<Binding> sweep(long nowMillis) {
        List<Binding> removed = new ArrayList<>();
        for (java.util.Map.Entry<String, Binding[]> e : users.entrySet()) {
            if (!hasExpired(e.getValue(), nowMillis)) {
                continue; // the common case: read-only scan, no lock taken
            }
            users.computeIfPresent(e.getKey(), (userId, arr) -> {
                List<Binding> keep = new ArrayList<>(arr.length);
                for (Binding b : arr) {
                    if (b.isExpired(nowMillis)) {
                        removed.add(b);
                    } else {
                        keep.add(b);
                    }
                }
                count.addAndGet(keep.size() - arr.length);
                indexExtensions(userId, arr, keep);
                return keep.isEmpty() ? null : keep.toArray(NONE);
            });
        }
        for (BindingListener l : listeners) {
            for (Binding b : removed) {
                l.removed(b, BindingListener.Cause.EXPIRED);
            }
        }
        return removed;
    }

    private static boolean hasExpired(Binding[] arr, long now) {
        for (Binding b : arr) {
            if (b.isExpired(now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int count() {
        return count.get();
    }

    @Override
    public int userCount() {
        return users.size();
    }

    @Override
    public void addListener(BindingListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void removeListener(BindingListener listener) {
        listeners.remove(listener);
    }
}
