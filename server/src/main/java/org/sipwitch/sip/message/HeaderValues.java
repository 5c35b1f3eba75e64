package org.sipwitch.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small pieces of the RFC 3261 §25 header grammar shared by the value parsers:
 * comma lists that respect quoted strings and angle brackets, and ";name=value"
 * parameters. Hand-written scanners, because this is the hot path of every request.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Splits "a, "b,c" <sip:x,y>, d" at the commas that separate list elements. */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>(2);
        for (int start = 0; start <= value.length(); ) {
            int end = endOfElement(value, start);
            int from = trimStart(value, start, end);
            int to = trimEnd(value, from, end);
            if (to > from) {
                out.add(value.substring(from, to));
            }
            start = end + 1;
        }
        return out;
    }

    /**
     * The first element of a list header value, trimmed, without splitting the rest
     * (the top Via of a line that may carry several); null when the list is empty.
     */
    public static String firstOfList(String value) {
        for (int start = 0; start <= value.length(); ) {
            int end = endOfElement(value, start);
            int from = trimStart(value, start, end);
            int to = trimEnd(value, from, end);
            if (to > from) {
                return from == 0 && to == value.length() ? value : value.substring(from, to);
            }
            start = end + 1;
        }
        return null;
    }

    // the bounds String.trim() would give, without cutting the string
    private static int trimStart(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /** Index of the comma that ends the list element starting at {@code from}, or the length. */
    private static int endOfElement(String value, int from) {
        boolean quoted = false;
        boolean escaped = false;
        int angle = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (quoted) {
                if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle++;
            } else if (c == '>') {
                if (angle > 0) {
                    angle--;
                }
            } else if (c == ',' && angle == 0) {
                return i;
            }
        }
        return value.length();
    }

    /**
     * Parses ";a=1;b;c="x;y"" (starting at {@code from}, which must point at a ';' or
     * the end) into an ordered map; flag parameters map to the empty string. Names
     * are lower-cased because parameter names are case-insensitive.
     */
    public static Map<String, String> parseParams(String s, int from) throws SipParseException {
        return params(s, from, s.length());
    }

    /** {@link #parseParams(String, int)} over {@code s[from, to)}, so callers need not cut a substring first. */
    static Parameters params(String s, int from, int to) throws SipParseException {
        int i = skipSpace(s, from, to);
        if (i >= to) {
            return Parameters.NONE;
        }
        Parameters.Builder params = new Parameters.Builder();
        while (i < to) {
            if (s.charAt(i) != ';') {
                throw new SipParseException("Unexpected character '" + printable(s.charAt(i)) + "' in parameters");
            }
            i = skipSpace(s, i + 1, to);
            int nameStart = i;
            while (i < to && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new SipParseException("Empty parameter name");
            }
            String name = paramName(s, nameStart, i);
            i = skipSpace(s, i, to);
            String val = "";
            if (i < to && s.charAt(i) == '=') {
                i = skipSpace(s, i + 1, to);
                if (i < to && s.charAt(i) == '"') {
                    int end = endOfQuoted(s, i, to);
                    val = s.substring(i, end + 1);
                    i = end + 1;
                } else {
                    int valStart = i;
                    while (i < to && isParamValueChar(s.charAt(i))) {
                        i++;
                    }
                    val = valStart == i ? "" : s.substring(valStart, i);
                }
            }
            params.put(name, val);
            i = skipSpace(s, i, to);
        }
        return params.build();
    }

    /**
     * Parameter names every message carries, so a parse can share these constants
     * instead of keeping a fresh lower-cased copy of each name per message.
     */
    private static final String[] COMMON_PARAMS = {"tag", "branch", "rport", "received", "transport", "lr",
        "expires", "q", "user", "maddr", "ttl", "method", "+sip.instance", "reg-id", "ob"};

    private static String paramName(String s, int from, int to) {
        for (String known : COMMON_PARAMS) {
            if (isAsciiIgnoreCase(s, from, to, known)) {
                return known;
            }
        }
        return s.substring(from, to).toLowerCase(Locale.ROOT);
    }

    /** Index of the closing quote of the quoted string that opens at {@code open}. */
    public static int endOfQuoted(String s, int open) throws SipParseException {
        return endOfQuoted(s, open, s.length());
    }

    static int endOfQuoted(String s, int open, int to) throws SipParseException {
        for (int i = open + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new SipParseException("Unterminated quoted string");
    }

    /** {@link #unquote} of the quoted string {@code s[open, close]}, cutting no copy when nothing is escaped. */
    static String unquote(String s, int open, int close) {
        int backslash = s.indexOf('\\', open);
        if (backslash < 0 || backslash > close) {
            return s.substring(open + 1, close);
        }
        return unquote(s.substring(open, close + 1));
    }

    /** "\"Alice \\\"A\\\"\"" → "Alice \"A\"". */
    public static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    public static void appendParams(StringBuilder b, Map<String, String> params) {
        if (params instanceof Parameters p) {
            p.appendTo(b);
            return;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            b.append(';').append(p.getKey());
            if (!p.getValue().isEmpty()) {
                b.append('=').append(p.getValue());
            }
        }
    }

    /**
     * True when {@code s[from, to)} spells {@code lower} (lower-case ASCII) in any ASCII
     * case. Unlike regionMatches(true, ...), "ſip" or "sıp" do not pass for "sip".
     */
    static boolean isAsciiIgnoreCase(String s, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int skipSpace(String s, int i) {
        return skipSpace(s, i, s.length());
    }

    static int skipSpace(String s, int i, int to) {
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 3261 token characters. */
    public static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~';
    }

    private static boolean isParamValueChar(char c) {
        // tokens plus the host characters of IPv6 references and the URI chars seen in the wild
        return isTokenChar(c) || c == '[' || c == ']' || c == ':' || c == '/' || c == '@' || c == '&'
                || c == '=' || c == '$' || c == '(' || c == ')' || c == '?';
    }

    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String printable(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return String.valueOf(c);
        }
        String hex = Integer.toHexString(c);
        return (hex.length() < 2 ? "\\x0" : "\\x") + hex;
    }
}
