package org.sipwitch.control;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Open data as JSON, for {@code sipwitchctl --json}: a CompositeData becomes an object
 * whose members are its item names, a list (array or TabularData) an array, and
 * numbers, booleans and text stay what the MBean returned (times are epoch
 * milliseconds, as the attribute has them). So a script reads exactly what a JMX
 * console reads, by the same names.
 *
 * <p>Also the one JSON encoder of the daemon: call detail records are written with
 * {@link #compact} (a map keeps its order).
 *
 * <p>Laid out in lines so that every reply line stays short: an array puts one element
 * per line, an object that holds a non-empty array puts one member per line, anything
 * else is one compact line. A single value longer than a reply line is carried by the
 * protocol's continuation lines (see {@link ReplyChannel}).
 */
public final class Json {

    private Json() {
    }

    /**
     * A verb's JSON reply: the same status, reason and stderr lines as its text
     * formatter gives (so {@code check} still fails when it finds a problem), with the
     * value as JSON on stdout. A plain value (a string, a number) is wrapped in an
     * object named after the attribute or operation, {@code {"Status": "j..."}}.
     */
    static Formatter like(Formatter text, String member) {
        return (value, args) -> {
            Reply reply = text.format(value, args);
            return new Reply(reply.status(), reply.reason(), lines(wrap(member, value)), reply.err());
        };
    }

    private static Object wrap(String member, Object value) {
        return value instanceof CompositeData || isList(value) ? value : Map.of(member, value == null ? "" : value);
    }

    /** The value as JSON text on one line. */
    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** The value as JSON over several lines, see the class comment. */
    static List<String> lines(Object value) {
        List<String> out = new ArrayList<>();
        layout(value, "", "", "", out);
        return out;
    }

    private static void layout(Object value, String indent, String prefix, String suffix, List<String> out) {
        if (isList(value) && !elements(value).isEmpty()) {
            out.add(indent + prefix + "[");
            List<Object> items = elements(value);
            for (int i = 0; i < items.size(); i++) {
                layout(items.get(i), indent + "  ", "", i < items.size() - 1 ? "," : "", out);
            }
            out.add(indent + "]" + suffix);
        } else if (value instanceof CompositeData cd && holdsList(cd)) {
            out.add(indent + prefix + "{");
            List<String> keys = new ArrayList<>(cd.getCompositeType().keySet());
            for (int i = 0; i < keys.size(); i++) {
                layout(cd.get(keys.get(i)), indent + "  ", string(keys.get(i)) + ": ",
                        i < keys.size() - 1 ? "," : "", out);
            }
            out.add(indent + "}" + suffix);
        } else {
            out.add(indent + prefix + compact(value) + suffix);
        }
    }

    private static boolean holdsList(CompositeData cd) {
        for (Object v : cd.values()) {
            if (isList(v) && !elements(v).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isList(Object value) {
        return value instanceof TabularData || value instanceof Collection<?>
                || value != null && value.getClass().isArray();
    }

    private static List<Object> elements(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof TabularData table) {
            out.addAll(table.values());
        } else if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        }
        return out;
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            // JSON has no NaN or infinity
            out.append(Double.isFinite(d) ? value.toString() : "null");
        } else if (value instanceof CompositeData cd) {
            out.append('{');
            boolean first = true;
            for (String key : cd.getCompositeType().keySet()) {
                out.append(first ? "" : ",").append(string(key)).append(':');
                write(cd.get(key), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",").append(string(String.valueOf(e.getKey()))).append(':');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (isList(value)) {
            out.append('[');
            boolean first = true;
            for (Object e : elements(value)) {
                out.append(first ? "" : ",");
                write(e, out);
                first = false;
            }
            out.append(']');
        } else {
            out.append(string(value.toString()));
        }
    }

    /** A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped. */
    public static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
