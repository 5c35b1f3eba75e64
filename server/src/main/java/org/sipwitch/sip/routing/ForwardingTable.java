package org.sipwitch.sip.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's forwarding changes ({@code sipwitchctl forward USER KIND TARGET|off}),
 * laid over each user's configured {@code <forwarding>}: a target replaces the
 * configured one, {@code off} cancels it. Kept in {@code forwarding.properties} in the
 * state directory (written to a temporary file and moved into place), so a restart
 * keeps them; without a state directory they live in memory.
 */
public final class ForwardingTable {
    /** The value that records "switched off by the operator". */
    private static final String OFF = "off";
    static final String FILE = "forwarding.properties";

    private final Path file;
    private final Map<String, EnumMap<Forwards.Kind, String>> overrides = new ConcurrentHashMap<>();

    private ForwardingTable(Path file) {
        this.file = file;
    }

    public static ForwardingTable inMemory() {
        return new ForwardingTable(null);
    }

    /** Loads what an earlier run kept in {@code stateDir}; a damaged line is skipped, not fatal. */
    public static ForwardingTable open(Path stateDir) throws IOException {
        ForwardingTable t = new ForwardingTable(stateDir.resolve(FILE));
        if (Files.exists(t.file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(t.file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : p.stringPropertyNames()) {
                int dot = key.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                try {
                    Forwards.Kind kind = Forwards.Kind.parse(key.substring(dot + 1));
                    t.overrides.computeIfAbsent(key.substring(0, dot), u -> new EnumMap<>(Forwards.Kind.class))
                            .put(kind, p.getProperty(key));
                } catch (IllegalArgumentException e) {
                    // not one of ours: skip it
                }
            }
        }
        return t;
    }

    /** Sets (target) or cancels ({@code null}) the user's forwarding of that kind, and keeps it. */
    public synchronized void set(String userId, Forwards.Kind kind, String target) throws IOException {
        overrides.compute(userId, (u, m) -> {
            EnumMap<Forwards.Kind, String> next = m == null ? new EnumMap<>(Forwards.Kind.class) : new EnumMap<>(m);
            next.put(kind, target == null ? OFF : target);
            return next;
        });
        save();
    }

    /** The user's forwarding in force: the configured targets with the operator's changes on top. */
    public Forwards effective(String userId, Forwards configured) {
        EnumMap<Forwards.Kind, String> mine = overrides.get(userId);
        if (mine == null) {
            return configured;
        }
        EnumMap<Forwards.Kind, String> out = new EnumMap<>(Forwards.Kind.class);
        out.putAll(configured.targets());
        for (var e : mine.entrySet()) {
            if (e.getValue().equals(OFF)) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return new Forwards(out);
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        overrides.forEach((user, m) -> m.forEach((k, v) -> sorted.put(user + "." + k.token(), v)));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# sipwitchctl forward: the operator's forwarding, over <forwarding> of the config\n");
            for (var e : sorted.entrySet()) {
                w.write(escape(e.getKey()) + "=" + escape(e.getValue()) + "\n");
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Properties escaping of the few characters that matter in user ids and targets. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!' || c == ' ') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
