package org.sipwitch.sip.call;

import java.net.InetAddress;
import java.util.function.Predicate;
import org.sipwitch.config.SipwitchConfig;

/**
 * The knobs the call engine reads per call, taken from the live config so that a
 * reload changes the next call, not the current ones.
 *
 * @param noAnswerMillis how long target legs ring before the caller gets 480:
 *                       {@code <timers>} ring × cfna seconds (there is no forward
 *                       target yet, so call-forward-no-answer means giving up)
 * @param trusted        sources from which a registered user may call without a challenge
 */
public record CallSettings(long noAnswerMillis, Predicate<InetAddress> trusted) {

    public static CallSettings of(SipwitchConfig config) {
        return new CallSettings(config.timers().noAnswer().toMillis(), config.access()::isTrusted);
    }
}
