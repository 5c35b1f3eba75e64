package org.sipwitch.sip.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        boolean quoted = false;
        boolean escaped = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
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
                addTrimmed(out, value, start, i);
                start = i + 1;
            }
        }
        addTrimmed(out, value, start, value.length());
        return out;
    }

    private static void addTrimmed(List<String> out, String s, int from, int to) {
        String part = s.substring(from, to).trim();
        if (!part.isEmpty()) {
            out.add(part);
        }
    }

    /**
     * Parses ";a=1;b;c="x;y"" (starting at {@code from}, which must point at a ';' or
     * the end) into an ordered map; flag parameters map to the empty string. Names
     * are lower-cased because parameter names are case-insensitive.
     */
    public static Map<String, String> parseParams(String s, int from) throws SipParseException {
        Map<String, String> params = new LinkedHashMap<>();
        int i = skipSpace(s, from);
        while (i < s.length()) {
            if (s.charAt(i) != ';') {
                throw new SipParseException("Unexpected character '" + printable(s.charAt(i)) + "' in parameters");
            }
            i = skipSpace(s, i + 1);
            int nameStart = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new SipParseException("Empty parameter name");
            }
            String name = s.substring(nameStart, i).toLowerCase(java.util.Locale.ROOT);
            i = skipSpace(s, i);
            String val = "";
            if (i < s.length() && s.charAt(i) == '=') {
                i = skipSpace(s, i + 1);
                if (i < s.length() && s.charAt(i) == '"') {
                    int end = endOfQuoted(s, i);
                    val = s.substring(i, end + 1);
                    i = end + 1;
                } else {
                    int valStart = i;
                    while (i < s.length() && isParamValueChar(s.charAt(i))) {
                        i++;
                    }
                    val = s.substring(valStart, i);
                }
            }
            params.put(name, val);
            i = skipSpace(s, i);
        }
        return params;
    }

    /** Index of the closing quote of the quoted string that opens at {@code open}. */
    public static int endOfQuoted(String s, int open) throws SipParseException {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new SipParseException("Unterminated quoted string");
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
        for (Map.Entry<String, String> p : params.entrySet()) {
            b.append(';').append(p.getKey());
            if (!p.getValue().isEmpty()) {
                b.append('=').append(p.getValue());
            }
        }
    }

    static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
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
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
}
