package org.sipwitch.it;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line
 * must be a HELP, a TYPE or a sample; every sample must belong to a family whose TYPE
 * came first; label syntax and escapes, values, duplicate series and counter naming
 * ({@code _total}) are checked. Anything else fails the parse, naming the line.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> SUFFIXES = Set.of("_total", "_created", "_count", "_sum", "_bucket", "_info");

    private final Map<String, String> types = new HashMap<>();
    /** series ("name{a="x",b="y"}", labels sorted) → value. */
    private final Map<String, Double> samples = new LinkedHashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                p.line(line);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("line " + n + ": " + e.getMessage() + ": " + line);
            }
        }
        return p;
    }

    private void line(String line) {
        if (line.startsWith("# HELP ")) {
            name(line.substring(7).split(" ", 2)[0]);
        } else if (line.startsWith("# TYPE ")) {
            String[] f = line.substring(7).split(" ");
            require(f.length == 2 && TYPES.contains(f[1]), "bad TYPE");
            require(types.put(name(f[0]), f[1]) == null, "TYPE given twice");
        } else if (line.startsWith("#")) {
            return; // a comment
        } else {
            sample(line);
        }
    }

    private void sample(String line) {
        Matcher m = NAME.matcher(line);
        require(m.lookingAt(), "no metric name");
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            int close = line.indexOf('}', i);
            while (close > 0 && line.charAt(close - 1) == '\\') {
                close = line.indexOf('}', close + 1);
            }
            require(close > 0, "unclosed labels");
            String body = line.substring(i + 1, close);
            Matcher l = LABEL.matcher(body);
            int at = 0;
            while (at < body.length()) {
                require(l.find(at) && l.start() == at, "bad label at " + at);
                require(labels.put(l.group(1), l.group(2)) == null, "label twice");
                at = l.end();
                if (at < body.length()) {
                    require(body.charAt(at) == ',', "labels not separated by a comma");
                    at++;
                }
            }
            i = close + 1;
        }
        require(i < line.length() && line.charAt(i) == ' ', "no space before the value");
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, "bad value");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        String family = family(name);
        require(family != null, "sample before its TYPE");
        if (types.get(family).equals("counter")) {
            require(name.endsWith("_total") || name.endsWith("_created"), "counter sample without _total");
            require(value >= 0, "negative counter");
        }
        String series = name + labels;
        require(samples.put(series, value) == null, "series twice");
    }

    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static String name(String name) {
        require(NAME.matcher(name).matches(), "bad metric name");
        return name;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The value of one series, labels given as name, value pairs; fails when absent. */
    double value(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        Double v = samples.get(name + l);
        if (v == null) {
            throw new AssertionError("no series " + name + l + " in the scrape");
        }
        return v;
    }

    String type(String family) {
        return types.get(family);
    }

    Set<String> series() {
        return samples.keySet();
    }
}
