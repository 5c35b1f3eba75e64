package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <routing><route>} rule of the dial plan: calls dialled to a matching number
 * have it rewritten and go to {@code target}. First match wins (main file first, then
 * drop-ins).
 *
 * @param pattern  the dialled user part exactly, a prefix when it ends in {@code *} ({@code 9*}),
 *                 with GNU sipwitch's {@code x} standing for any one digit ({@code 1xx})
 * @param target   a local user, extension, alias or group; {@code gateway:ID}; a {@code sip:}/{@code sips:} URI;
 *                 or {@code reject:CODE}
 * @param position where the rule is written
 * @param strip    leading characters removed from the dialled number
 * @param prefix   digits put in front after stripping
 * @param state    the server state the rule applies in ({@code state="night"}); empty = every state
 */
public record RouteRule(String pattern, String target, SourcePosition position, int strip, String prefix,
                        Optional<String> state) {

    public RouteRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(state, "state");
    }

    public RouteRule(String pattern, String target, SourcePosition position) {
        this(pattern, target, position, 0, "", Optional.empty());
    }
}
