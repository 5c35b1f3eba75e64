package org.sipwitch.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * THE verb table: every sipwitchctl verb, the MBean attribute or operation it maps to,
 * its arity, argument checks, text format and help. The FIFO bridge executes from it;
 * {@code help}, the man page's verb list ({@link #manPageVerbs()}) and docs are
 * rendered from it, so they cannot drift apart.
 *
 * <p>Use {@link #standard()}; it is immutable and can be shared.
 */
public final class VerbTable {

    private final Map<String, Verb> verbs = new TreeMap<>();

    private VerbTable() {
    }

    /** The verbs of sipwitchctl(1) plus {@code help} and {@code version}. */
    public static VerbTable standard() {
        VerbTable table = new VerbTable();
        Local local = new Local(table);
        for (Verb v : StandardVerbs.all(local)) {
            if (table.verbs.put(v.name(), v) != null) {
                throw new IllegalStateException("verb twice in the table: " + v.name());
            }
        }
        return table;
    }

    /** A table of just these verbs: for tests of the bridge itself. */
    static VerbTable of(Verb... verbs) {
        VerbTable table = new VerbTable();
        for (Verb v : verbs) {
            table.verbs.put(v.name(), v);
        }
        return table;
    }

    public Optional<Verb> find(String name) {
        return Optional.ofNullable(verbs.get(name));
    }

    /** All verbs, sorted by name. */
    public List<Verb> verbs() {
        return Collections.unmodifiableList(new ArrayList<>(verbs.values()));
    }

    /** {@code help}'s text: one line per verb, usage then help, aligned. */
    public List<String> helpLines() {
        int width = 0;
        for (Verb v : verbs.values()) {
            width = Math.max(width, v.usage().length());
        }
        List<String> out = new ArrayList<>();
        out.add("usage: sipwitchctl [--json | -F text|json] command [arguments...]");
        for (Verb v : verbs.values()) {
            out.add("  " + v.usage() + " ".repeat(width - v.usage().length() + 2) + v.help());
        }
        return out;
    }

    /**
     * The verb list of docs/sipwitchctl.1 in roff, between its {@code BEGIN VERBS} and
     * {@code END VERBS} comments (a test keeps the page equal to this).
     */
    public List<String> manPageVerbs() {
        List<String> out = new ArrayList<>();
        for (Verb v : verbs.values()) {
            out.add(".TP");
            out.add(v.synopsis().isEmpty() ? ".B " + v.name() : ".BI \"" + v.name() + " \" \""
                    + roff(v.synopsis()) + "\"");
            out.add(roff(v.help()) + ".");
        }
        return out;
    }

    private static String roff(String s) {
        return s.replace("\\", "\\e").replace("\"", "\\(dq").replace("-", "\\-");
    }

    /** The verbs the bridge answers itself. */
    static final class Local {
        private final VerbTable table;

        Local(VerbTable table) {
            this.table = table;
        }

        Action help() {
            return (server, args) -> Reply.ok(table.helpLines());
        }

    }

    /** Prints {@link #manPageVerbs()}, to regenerate the man page's verb list. */
    public static void main(String[] args) {
        standard().manPageVerbs().forEach(System.out::println);
    }
}
