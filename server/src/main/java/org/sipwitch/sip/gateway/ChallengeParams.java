package org.sipwitch.sip.gateway;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The auth-params of one {@code WWW-Authenticate}/{@code Proxy-Authenticate} challenge
 * (RFC 7235 §2.1): {@code Digest realm="…", nonce="…", qop="auth", …}. Names lower-cased;
 * null when the header is not a Digest challenge or does not follow the grammar.
 */
final class ChallengeParams {
    private ChallengeParams() {
    }

    static Map<String, String> parse(String header) {
        if (header == null || header.length() > 4096) {
            return null;
        }
        String s = header.strip();
        if (!s.regionMatches(true, 0, "Digest", 0, 6) || s.length() < 8 || !Character.isWhitespace(s.charAt(6))) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        int i = 7;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
                i++;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                return i == nameStart ? out : null;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                if (i >= n) {
                    return null; // unterminated quoted-string
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(name, value.toString());
        }
        return out;
    }
}
