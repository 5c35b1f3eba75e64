package org.sipwitch.control;

import static org.sipwitch.control.OpenData.duration;
import static org.sipwitch.control.OpenData.flag;
import static org.sipwitch.control.OpenData.number;
import static org.sipwitch.control.OpenData.rows;
import static org.sipwitch.control.OpenData.text;
import static org.sipwitch.control.OpenData.time;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.openmbean.CompositeData;

/**
 * The text sipwitchctl prints, in the spirit of GNU sipwitch: a header line, one line
 * per entry, a summary where it helps. Column names are part of the interface scripts
 * rely on; change them with care.
 */
final class Formats {

    private Formats() {
    }

    static Reply registry(Object value, List<String> args) {
        List<CompositeData> rows = rows(value);
        // the NODE column only in a cluster, so a single server's output stays as it was
        boolean cluster = rows.stream().anyMatch(r -> r.containsKey("node") && !text(r, "node").isEmpty());
        TextTable t = cluster
                ? new TextTable("EXT", "USER", "DISPLAY", "TYPE", "TRANSPORT", "EXPIRES", "NODE", "CONTACT", "STATE")
                : new TextTable("EXT", "USER", "DISPLAY", "TYPE", "TRANSPORT", "EXPIRES", "CONTACT", "STATE");
        Set<String> users = new HashSet<>();
        for (CompositeData r : rows) {
            long expires = number(r, "expires");
            users.add(text(r, "user"));
            List<String> cells = new ArrayList<>(List.of(text(r, "extension"), text(r, "user"), text(r, "display"),
                    text(r, "type"), text(r, "transport"), expires < 0 ? "never" : expires + "s"));
            if (cluster) {
                cells.add(text(r, "node") + (flag(r, "reachable") ? "" : "(down)"));
            }
            cells.add(text(r, "contact"));
            cells.add(state(r));
            t.row(cells.toArray(String[]::new));
        }
        List<String> out = new ArrayList<>(t.lines());
        out.add(rows.size() + " registration" + plural(rows.size()) + " of "
                + users.size() + " user" + plural(users.size())
                + (args.isEmpty() ? "" : ", from offset " + args.get(0)));
        return Reply.ok(out);
    }

    /** The state, and for a failed gateway why ({@code failed: 408 no response from …}). */
    private static String state(CompositeData r) {
        String state = r.getCompositeType().containsKey("state") ? text(r, "state") : "registered";
        String error = r.getCompositeType().containsKey("error") ? text(r, "error") : "";
        return error.isEmpty() ? state : state + ": " + error;
    }

    static Reply cluster(Object value, List<String> args) {
        List<CompositeData> rows = rows(value);
        if (rows.isEmpty()) {
            return Reply.ok("not in a cluster (no <cluster> in the configuration)");
        }
        TextTable t = new TextTable("NODE", "STATE", "LAST-SEEN", "ADDRESS");
        for (CompositeData r : rows) {
            String state = flag(r, "alive") ? "up" : "down";
            t.row(text(r, "name") + (flag(r, "self") ? "*" : ""), state,
                    number(r, "lastSeen") == 0 ? "never" : time(number(r, "lastSeen")), text(r, "address"));
        }
        List<String> out = new ArrayList<>(t.lines());
        out.add(rows.size() + " node" + plural(rows.size()) + " (* = this one)");
        return Reply.ok(out);
    }

    static Reply usercache(Object value, List<String> args) {
        TextTable t = new TextTable("USER", "EXT", "DISPLAY", "ADDRESS", "LAST-SEEN");
        List<CompositeData> rows = rows(value);
        for (CompositeData r : rows) {
            t.row(text(r, "user"), text(r, "extension"), text(r, "display"), text(r, "address"),
                    time(number(r, "lastSeen")));
        }
        List<String> out = new ArrayList<>(t.lines());
        out.add(rows.size() + " cached user" + plural(rows.size()));
        return Reply.ok(out);
    }

    static Reply calls(Object value, List<String> args) {
        TextTable t = new TextTable("CALL-ID", "STATE", "SOURCE", "DISPLAY", "TARGET", "TRANSPORT", "STARTED",
                "DURATION");
        List<CompositeData> rows = rows(value);
        for (CompositeData r : rows) {
            t.row(text(r, "id"), text(r, "state"), text(r, "source"), text(r, "display"),
                    text(r, "target"), text(r, "transports"), time(number(r, "started")),
                    duration(number(r, "duration")));
        }
        List<String> out = new ArrayList<>(t.lines());
        out.add(rows.size() + " active call" + plural(rows.size()));
        return Reply.ok(out);
    }

    static Reply stats(Object value, List<String> args) {
        TextTable t = new TextTable("NAME", "IN", "OUT", "CURRENT", "PEAK", "LAST-CALL");
        for (CompositeData r : rows(value)) {
            t.row(text(r, "name"), number(r, "inTotal"), number(r, "outTotal"), number(r, "current"),
                    number(r, "peak"), time(number(r, "lastCall")));
        }
        return Reply.ok(t.lines());
    }

    static Reply pstats(Object value, List<String> args) {
        TextTable t = new TextTable("NAME", "PERIOD-START", "MINUTES", "IN", "OUT", "PEAK", "MIN");
        for (CompositeData r : rows(value)) {
            t.row(text(r, "name"), time(number(r, "periodStart")), number(r, "minutes"),
                    number(r, "incoming"), number(r, "outgoing"), number(r, "peak"), number(r, "minimum"));
        }
        return Reply.ok(t.lines());
    }

    static Reply siplog(Object value, List<String> args) {
        List<String> out = new ArrayList<>();
        for (CompositeData r : rows(value)) {
            out.add("--- " + time(number(r, "time")) + " " + text(r, "direction") + " "
                    + text(r, "transport") + " " + text(r, "peer"));
            out.addAll(OpenData.lines(text(r, "text")));
        }
        return Reply.ok(out);
    }

    static Reply history(Object value, List<String> args) {
        CompositeData h = (CompositeData) value;
        if (!args.isEmpty()) {
            return Reply.ok("history size " + number(h, "size"));
        }
        List<String> out = new ArrayList<>();
        for (CompositeData r : rows(h.get("lines"))) {
            out.add(time(number(r, "time")) + " " + text(r, "level") + " " + text(r, "source")
                    + ": " + text(r, "message"));
        }
        return Reply.ok(out);
    }

    static Reply policy(Object value, List<String> args) {
        CompositeData p = (CompositeData) value;
        TextTable t = new TextTable("LIST", "NETWORK");
        for (CompositeData r : rows(p.get("entries"))) {
            t.row(text(r, "list"), policyText(r));
        }
        List<String> out = new ArrayList<>();
        out.add("published " + text(p, "published"));
        out.addAll(t.lines());
        return Reply.ok(out);
    }

    /** One policy entry's fields as the line operators (and scripts) know. */
    private static String policyText(CompositeData r) {
        return switch (text(r, "list")) {
            case "blocked" -> text(r, "address") + " since " + text(r, "sinceIso") + " until " + text(r, "untilIso")
                    + " failures " + number(r, "failures") + " last-user " + text(r, "user");
            case "locked" -> text(r, "address") + " user " + text(r, "user") + " since " + text(r, "sinceIso")
                    + " until " + text(r, "untilIso") + " failures " + number(r, "failures");
            case "targeted" -> text(r, "user") + " since " + text(r, "sinceIso") + " failures "
                    + number(r, "failures") + " " + text(r, "detail") + " last-source " + text(r, "address");
            default -> text(r, "network").isEmpty() ? text(r, "detail") : text(r, "network");
        };
    }

    static Reply realm(Object value, List<String> args) {
        CompositeData r = (CompositeData) value;
        // "realm digest" on one line: scripts (and sipwitchctl digest) read it with `read`
        return Reply.ok(text(r, "realm") + " " + text(r, "digestType"));
    }

    static Reply check(Object value, List<String> args) {
        List<String> out = new ArrayList<>();
        int problems = 0;
        for (CompositeData r : rows(value)) {
            boolean ok = flag(r, "ok");
            problems += ok ? 0 : 1;
            out.add((ok ? "ok   " : "FAIL ") + text(r, "subject") + ": " + text(r, "detail"));
        }
        if (problems == 0) {
            return Reply.ok(out);
        }
        return new Reply(Reply.FAILED, "check found " + problems + " problem" + plural(problems), out, List.of());
    }

    /** A plain value: one line, or several for multi-line text or a list of strings. */
    static Reply value(Object value, List<String> args) {
        if (value instanceof String[] lines) {
            return Reply.ok(List.of(lines));
        }
        return Reply.ok(value == null ? List.of() : OpenData.lines(value.toString()));
    }

    /** Operations answering a count: 0 means nothing matched, which is a failure. */
    static Formatter count(String done, String nothing) {
        return (value, args) -> {
            long n = value instanceof Number x ? x.longValue() : 0;
            String subject = args.isEmpty() ? "" : args.get(0);
            return n > 0 ? Reply.ok(String.format(done, n, subject))
                    : Reply.failed(String.format(nothing, subject));
        };
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
