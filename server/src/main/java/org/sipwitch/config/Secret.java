package org.sipwitch.config;

/**
 * A password from the config (user secret, keystore password). It prints as
 * {@code ****} everywhere, including inside record {@code toString()}s, so that a
 * config object can be logged without leaking; {@link #reveal()} is the one way out.
 */
public final class Secret {

    public static final String MASK = "****";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(value);
    }

    /** A copy of the secret; callers should wipe it ({@code Arrays.fill}) when done. */
    public char[] reveal() {
        return value.clone();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** Comparison in time independent of where the contents differ, so config comparisons on reload leak nothing by timing. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret other)) {
            return false;
        }
        if (value.length != other.value.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < value.length; i++) {
            difference |= value[i] ^ other.value[i];
        }
        return difference == 0;
    }

    @Override
    public int hashCode() {
        return 0; // no information about the content
    }

    @Override
    public String toString() {
        return MASK;
    }
}
