package org.sipwitch.config;

import java.util.Objects;

/**
 * One {@code <routing>} rule: calls dialled to a matching user part go to {@code target}.
 *
 * @param pattern  the dialled user part exactly, or a prefix when it ends in {@code *} ({@code 9*})
 * @param target   where to send it: a {@code sip:}/{@code sips:} URI, a user id or an extension
 * @param position where the rule is written
 */
public record RouteRule(String pattern, String target, SourcePosition position) {

    public RouteRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(position, "position");
    }

    public boolean matches(String dialled) {
        return pattern.endsWith("*")
                ? dialled.startsWith(pattern.substring(0, pattern.length() - 1))
                : dialled.equals(pattern);
    }
}
