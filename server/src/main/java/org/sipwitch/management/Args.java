package org.sipwitch.management;

/** Argument checks shared by the MBeans; failures read well as sipwitchctl's stderr line. */
final class Args {

    private Args() {
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    static boolean empty(String value) {
        return value == null || value.isBlank();
    }
}
