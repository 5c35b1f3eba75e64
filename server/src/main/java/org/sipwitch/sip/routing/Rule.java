package org.sipwitch.sip.routing;

/**
 * One dial-plan rule, the routing layer's own copy of {@code <route>}.
 *
 * @param pattern exact user part, a prefix ending in {@code *}, {@code x} = any one digit
 * @param strip   leading characters removed
 * @param prefix  digits put in front
 * @param target  user/extension/alias/group, {@code gateway:ID}, {@code sip:}/{@code sips:} URI, {@code reject:CODE}
 * @param state   the server state it applies in, null = always
 */
public record Rule(String pattern, int strip, String prefix, String target, String state) {

    boolean appliesIn(String current) {
        return state == null || state.equals(current);
    }

    boolean matches(String dialled) {
        boolean open = pattern.endsWith("*");
        int n = open ? pattern.length() - 1 : pattern.length();
        if (open ? dialled.length() < n : dialled.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char p = pattern.charAt(i);
            char d = dialled.charAt(i);
            if (p == 'x' ? (d < '0' || d > '9') : p != d) {
                return false;
            }
        }
        return true;
    }

    String rewrite(String dialled) {
        return prefix + dialled.substring(Math.min(strip, dialled.length()));
    }
}
