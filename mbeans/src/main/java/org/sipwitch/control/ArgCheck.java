package org.sipwitch.control;

import java.util.List;
import java.util.Locale;

/**
 * Checks a verb's arguments (arity is checked before). Returns {@code null} when they
 * are fine, else a one-line message. The same rules are mirrored in scripts/sipwitchctl,
 * which checks before sending; the bridge checks again because anyone in the group can
 * write to the FIFO.
 */
@FunctionalInterface
public interface ArgCheck {

    String check(List<String> args);

    ArgCheck NONE = args -> null;

    /** Argument {@code index}, when present, must be one of {@code values} (case-insensitive). */
    static ArgCheck oneOf(int index, String what, String... values) {
        return args -> {
            if (args.size() <= index) {
                return null;
            }
            String a = args.get(index).toLowerCase(Locale.ROOT);
            for (String v : values) {
                if (v.equals(a)) {
                    return null;
                }
            }
            return what + " must be " + String.join("|", values) + ", not '" + args.get(index) + "'";
        };
    }

    /** Argument {@code index}, when present, must be a decimal integer in [min, max]. */
    static ArgCheck integer(int index, String what, int min, int max) {
        return args -> {
            if (args.size() <= index) {
                return null;
            }
            String a = args.get(index);
            if (!a.matches("[0-9]{1,9}")) {
                return what + " must be a number, not '" + a + "'";
            }
            int n = Integer.parseInt(a);
            return n < min || n > max ? what + " must be " + min + ".." + max + ", not " + n : null;
        };
    }

    /** Every check in turn; the first message wins. */
    static ArgCheck all(ArgCheck... checks) {
        return args -> {
            for (ArgCheck c : checks) {
                String m = c.check(args);
                if (m != null) {
                    return m;
                }
            }
            return null;
        };
    }
}
