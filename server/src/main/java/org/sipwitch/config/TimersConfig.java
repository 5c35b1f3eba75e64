package org.sipwitch.config;

import java.time.Duration;

/**
 * {@code <timers>}: call timing, in GNU sipwitch's terms.
 *
 * @param ring seconds of one ring cycle
 * @param cfna rings before call-forward-no-answer (or, without a forward target, giving up)
 * @param shutdown seconds the server waits, at {@code down}, SIGTERM or {@code restart}, for
 *                 the phones to answer the BYE and CANCEL that end their calls
 */
public record TimersConfig(int ring, int cfna, int shutdown) {

    /** Grace periods beyond this would outlast sipwitchctl's reply timeout and a service manager's patience. */
    public static final int MAX_SHUTDOWN = 30;

    public Duration shutdownGrace() {
        return Duration.ofSeconds(shutdown);
    }

    /** How long a call rings before no-answer handling: {@code ring × cfna} seconds. */
    public Duration noAnswer() {
        return Duration.ofSeconds((long) ring * cfna);
    }
}
