package org.sipwitch.config;

import java.time.Duration;

/**
 * {@code <timers>}: call timing, in GNU sipwitch's terms.
 *
 * @param ring seconds of one ring cycle
 * @param cfna rings before call-forward-no-answer (or, without a forward target, giving up)
 */
public record TimersConfig(int ring, int cfna) {

    /** How long a call rings before no-answer handling: {@code ring × cfna} seconds. */
    public Duration noAnswer() {
        return Duration.ofSeconds((long) ring * cfna);
    }
}
