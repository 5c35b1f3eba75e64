package org.sipwitch.management;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in a SIP message's text before it is stored by the trace: the values
 * of {@code Authorization} and {@code Proxy-Authorization} keep their scheme and
 * {@code username} (so the operator sees who tried) and lose everything after it
 * ({@code response}, {@code cnonce}, {@code nc}...), which becomes {@code ****}. Folded
 * continuation lines of such a header are dropped with it. Only the header part is
 * touched; the body is left as is.
 */
final class AuthorizationMask {

    static final String MASK = "****";
    private static final Pattern USERNAME = Pattern.compile("(?i)\\busername\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,\\s]+)");

    private AuthorizationMask() {
    }

    static String mask(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(message.length());
        int pos = 0;
        boolean inCredentials = false;
        while (pos < message.length()) {
            int end = message.indexOf('\n', pos);
            int next = end < 0 ? message.length() : end + 1;
            String line = message.substring(pos, next);
            String content = stripEol(line);
            if (content.isEmpty()) {
                out.append(message, pos, message.length()); // blank line: the body follows untouched
                break;
            }
            boolean continuation = content.charAt(0) == ' ' || content.charAt(0) == '\t';
            if (continuation) {
                if (!inCredentials) {
                    out.append(line);
                }
            } else {
                inCredentials = isCredentialsHeader(content);
                out.append(inCredentials ? masked(content, message, pos, next) + eol(line) : line);
            }
            pos = next;
        }
        return out.toString();
    }

    private static String masked(String header, String message, int from, int to) {
        int colon = header.indexOf(':');
        // the whole value may be folded over several lines: read the username from all of them
        String value = unfolded(message, from + colon + 1);
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        Matcher user = USERNAME.matcher(trimmed);
        String kept = user.find() ? scheme + " username=" + user.group(1) + ", " : scheme + " ";
        return header.substring(0, colon + 1) + " " + kept + MASK;
    }

    /** The header value from {@code start} with its continuation lines joined. */
    private static String unfolded(String message, int start) {
        StringBuilder v = new StringBuilder();
        int pos = start;
        while (pos < message.length()) {
            int end = message.indexOf('\n', pos);
            int next = end < 0 ? message.length() : end + 1;
            v.append(stripEol(message.substring(pos, next))).append(' ');
            pos = next;
            if (pos >= message.length() || (message.charAt(pos) != ' ' && message.charAt(pos) != '\t')) {
                break;
            }
        }
        return v.toString();
    }

    private static boolean isCredentialsHeader(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return name.equals("authorization") || name.equals("proxy-authorization");
    }

    private static String stripEol(String line) {
        int n = line.length();
        while (n > 0 && (line.charAt(n - 1) == '\n' || line.charAt(n - 1) == '\r')) {
            n--;
        }
        return line.substring(0, n);
    }

    private static String eol(String line) {
        return line.substring(stripEol(line).length());
    }
}
