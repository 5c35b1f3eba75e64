package org.sipwitch.sip.location.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.location.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service made to survive a restart: the in-memory service does the
 * work, and every change is appended to a journal in the state directory; now and
 * then the whole state is written as a snapshot and the journal starts afresh.
 *
 * <p>Ordering: writes of one user hold that user's stripe lock across the in-memory
 * update and its journal line, so the journal has a user's changes in the order they
 * happened. Expiry is not journalled at all: the expiry time is in each record, and
 * loading drops what has lapsed. Records are idempotent (a full binding, or a removal),
 * which is what lets a snapshot be taken while writes go on.
 *
 * <p>A failing disk never fails a registration: the error is logged once, the
 * bindings stay in memory, and the next compaction retries with a full snapshot.
 */
public final class JournaledLocationService implements LocationService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournaledLocationService.class);
    private static final int STRIPES = 64;
    /** Compact when the journal holds this many lines, or twice the bindings if that is more. */
    static final int MIN_COMPACT_LINES = 10_000;

    private final InMemoryLocationService memory;
    private final StoreFiles files;
    private final Clock clock;
    private final Object[] stripes = new Object[STRIPES];
    private final JournalFile journal;
    private final Object journalLock = new Object();
    private boolean failing;
    private boolean closed;

    private JournaledLocationService(InMemoryLocationService memory, Path stateDir, Clock clock) {
        this.memory = memory;
        this.files = new StoreFiles(stateDir);
        this.clock = clock;
        this.journal = new JournalFile(files.journal());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Loads what the state directory holds into {@code memory} (which must be empty and
     * have no listeners yet), writes a clean snapshot, and journals from then on.
     * Never throws for damaged files; they are reported in the log and the good part kept.
     */
    public static JournaledLocationService open(InMemoryLocationService memory, Path stateDir, Clock clock) {
        JournaledLocationService store = new JournaledLocationService(memory, stateDir, clock);
        store.restore();
        memory.addListener(store.new Journaller());
        store.compact();
        return store;
    }

    private void restore() {
        StoreLoader.Result r = StoreLoader.load(files, clock.millis());
        Map<String, List<Binding>> byUser = new LinkedHashMap<>();
        for (Binding b : r.bindings()) {
            byUser.computeIfAbsent(b.userId(), k -> new ArrayList<>()).add(b);
        }
        int restored = 0;
        for (Map.Entry<String, List<Binding>> e : byUser.entrySet()) {
            try {
                restored += memory.update(e.getKey(), current -> e.getValue(), BindingListener.Cause.RELEASED).size();
            } catch (RuntimeException ex) {
                LOG.warn("registrations of {} not restored: {}", e.getKey(), ex.getMessage());
            }
        }
        for (Path damaged : r.damagedFiles()) {
            keepDamaged(damaged);
        }
        LOG.info("registrations: {} restored from {} ({} expired while down, {} damaged lines skipped)",
                restored, files.dir(), r.expired(), r.badLines());
    }

    /** The damaged file is about to be compacted away; a copy stays for the operator to look at. */
    private void keepDamaged(Path file) {
        try {
            Files.copy(file, files.damaged(file), StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("registrations: damaged lines of {} kept in {}", file, files.damaged(file));
        } catch (IOException e) {
            LOG.warn("registrations: could not keep a copy of {}: {}", file, e.getMessage());
        }
    }

    private Object stripe(String userId) {
        return stripes[(userId.hashCode() & 0x7fffffff) % STRIPES];
    }

    @Override
    public List<Binding> update(String userId, BindingChange change, BindingListener.Cause cause) {
        synchronized (stripe(userId)) {
            return memory.update(userId, change, cause);
        }
    }

    @Override
    public List<Binding> removeUser(String userId, BindingListener.Cause cause) {
        synchronized (stripe(userId)) {
            return memory.removeUser(userId, cause);
        }
    }

    private void append(String line) {
        synchronized (journalLock) {
            if (closed) {
                return;
            }
            try {
                journal.append(line);
            } catch (IOException e) {
                failed("journal write", e);
            }
        }
    }

    /** Housekeeping, once a second: forces the journal to disk and compacts when it has grown. */
    public void maintain() {
        boolean compactNow;
        java.nio.channels.FileChannel toSync;
        synchronized (journalLock) {
            if (closed) {
                return;
            }
            toSync = journal.pendingSync();
            compactNow = failing || journal.lines() >= Math.max(MIN_COMPACT_LINES, 2L * memory.count());
        }
        if (toSync != null) {
            try {
                toSync.force(false); // outside the lock: a slow disk delays no REGISTER
            } catch (java.nio.channels.ClosedChannelException e) {
                // rotated meanwhile; closing it forced it
            } catch (IOException e) {
                synchronized (journalLock) {
                    failed("journal sync", e);
                }
            }
        }
        if (compactNow) {
            compact();
        }
    }

    /**
     * Snapshot of the current state, then the journal lines it covers are deleted.
     * The lock is held only to read the state and rotate the journal.
     */
    void compact() {
        List<Binding> state;
        synchronized (journalLock) {
            if (closed) {
                return;
            }
            state = memory.all();
            try {
                if (failing) {
                    // a state directory that could not be made at start (read-only parent, a file
                    // in the way) may be possible now: persisting resumes without a restart
                    StoreFiles.createPrivateDir(files.dir());
                }
                journal.rotateInto(files.oldJournal());
            } catch (IOException e) {
                failed("journal rotation", e);
                return;
            }
        }
        try {
            SnapshotFile.write(files, state, clock.millis());
            Files.deleteIfExists(files.oldJournal());
        } catch (IOException e) {
            synchronized (journalLock) {
                failed("snapshot", e);
            }
            return;
        }
        synchronized (journalLock) {
            if (failing) {
                failing = false;
                LOG.info("registrations: persisted again ({} bindings in {})", state.size(), files.snapshot());
            }
        }
    }

    /** Logs the first failure only; the state stays in memory and compaction retries. */
    private void failed(String what, IOException e) {
        if (!failing) {
            failing = true;
            LOG.error("registrations: {} failed in {}, registrations are kept in memory only until it works again: {}",
                    what, files.dir(), e.toString());
        }
    }

    /** A last snapshot (so a clean stop leaves an empty journal), then no more writes. */
    @Override
    public void close() {
        compact();
        synchronized (journalLock) {
            closed = true;
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("registrations: closing the journal failed: {}", e.toString());
            }
        }
    }

    /** Turns binding changes into journal lines; runs under the user's stripe lock. */
    private final class Journaller implements BindingListener {
        @Override
        public void added(Binding binding) {
            append(BindingLine.add(binding));
        }

        @Override
        public void refreshed(Binding before, Binding after) {
            append(BindingLine.add(after));
        }

        @Override
        public void removed(Binding binding, Cause cause) {
            if (cause != Cause.EXPIRED) {
                append(BindingLine.remove(binding.userId(), binding.contact()));
            }
        }
    }

    @Override
    public List<Binding> lookup(String userId) {
        return memory.lookup(userId);
    }

    @Override
    public List<Binding> lookupExtension(String extension) {
        return memory.lookupExtension(extension);
    }

    @Override
    public List<Binding> lookupAor(String aor) {
        return memory.lookupAor(aor);
    }

    @Override
    public List<Binding> all() {
        return memory.all();
    }

    @Override
    public List<Binding> sweep(long nowMillis) {
        return memory.sweep(nowMillis);
    }

    @Override
    public int count() {
        return memory.count();
    }

    @Override
    public int userCount() {
        return memory.userCount();
    }

    @Override
    public void addListener(BindingListener listener) {
        memory.addListener(listener);
    }

    @Override
    public void removeListener(BindingListener listener) {
        memory.removeListener(listener);
    }
}
