package org.sipwitch.management;

/** The refusal of a default hook: the part of the daemon that would do it is not wired. */
final class Unavailable {

    private Unavailable() {
    }

    /** An IllegalArgumentException, so sipwitchctl exits 20 with this reason. */
    static IllegalArgumentException of(String what) {
        return new IllegalArgumentException(what + " not available in this daemon");
    }
}
