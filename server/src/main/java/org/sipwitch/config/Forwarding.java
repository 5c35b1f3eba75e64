package org.sipwitch.config;

import java.util.Optional;

/**
 * A user's (or group's) {@code <forwarding>}, GNU sipwitch's four kinds: where a call
 * goes instead. Each target is dialled again through the dial plan (a user, an
 * extension, a number a rule sends to a gateway, a {@code sip:} URI).
 *
 * @param all  unconditional: the user's phones do not ring
 * @param busy every device answered busy
 * @param na   no answer within the ring time, or no device registered
 * @param dnd  every device refused the call at once (a phone in do-not-disturb answers 480 or 603)
 */
public record Forwarding(Optional<String> all, Optional<String> busy, Optional<String> na, Optional<String> dnd) {

    public static final Forwarding NONE = new Forwarding(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public boolean isEmpty() {
        return all.isEmpty() && busy.isEmpty() && na.isEmpty() && dnd.isEmpty();
    }
}
