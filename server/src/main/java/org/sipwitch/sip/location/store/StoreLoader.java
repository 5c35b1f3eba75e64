package org.sipwitch.sip.location.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipwitch.sip.location.Binding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the snapshot and then the journals, in the order they were written, into the
 * bindings they leave. Never throws for what is in the files: a damaged line is
 * reported as {@code file:line: problem} and skipped, everything else is kept.
 */
final class StoreLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLoader.class);
    /** Bad lines reported one by one; the rest are only counted (a shredded file must not flood the log). */
    static final int REPORTED_LINES = 20;

    /** What was found: the live bindings, and what was left out. */
    record Result(List<Binding> bindings, int expired, int badLines, List<Path> damagedFiles) {
    }

    private final Map<String, Binding> state = new LinkedHashMap<>();
    private final List<Path> damaged = new ArrayList<>();
    private int bad;

    static Result load(StoreFiles files, long nowMillis) {
        StoreLoader loader = new StoreLoader();
        loader.read(files.snapshot());
        loader.read(files.oldJournal());
        loader.read(files.journal());
        return loader.result(nowMillis);
    }

    private void read(Path file) {
        int lineNo = 0;
        int badHere = 0;
        try (LineReader r = new LineReader(Files.newInputStream(file))) {
            String line;
            while ((line = r.next()) != null) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String problem = r.tooLong() ? "line longer than " + LineReader.MAX_LINE + " bytes" : null;
                if (problem == null) {
                    try {
                        apply(BindingLine.parse(line));
                    } catch (RuntimeException e) {
                        problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    }
                }
                if (problem != null) {
                    badHere++;
                    report(file, lineNo, r.hadNewline() ? problem : problem + ", last line has no newline");
                }
            }
        } catch (NoSuchFileException e) {
            return; // not written yet: a first start, or no journal since the last snapshot
        } catch (IOException e) {
            badHere++;
            report(file, lineNo + 1, "unreadable, the rest of the file is skipped: " + e.getMessage());
        }
        if (badHere > 0) {
            damaged.add(file);
        }
    }

    private void apply(BindingLine.Entry e) {
        String key = key(e.userId(), e.contact());
        if (e.op() == BindingLine.ADD) {
            state.remove(key); // re-insert: the map's order stays the order of registration
            state.put(key, e.binding());
        } else {
            state.remove(key);
        }
    }

    private void report(Path file, int lineNo, String problem) {
        bad++;
        if (bad <= REPORTED_LINES) {
            LOG.warn("{}:{}: {}; line skipped", file, lineNo, problem);
        } else if (bad == REPORTED_LINES + 1) {
            LOG.warn("{}: more damaged lines, counted but not reported one by one", file);
        }
    }

    private Result result(long nowMillis) {
        List<Binding> live = new ArrayList<>(state.size());
        int expired = 0;
        for (Binding b : state.values()) {
            if (b.isExpired(nowMillis)) {
                expired++;
            } else {
                live.add(b);
            }
        }
        return new Result(live, expired, bad, List.copyOf(damaged));
    }

    /** One binding per user and contact, contacts compared as {@link Binding#sameContact} does. */
    static String key(String userId, String contact) {
        return userId + '\n' + contact.toLowerCase(Locale.ROOT);
    }
}
