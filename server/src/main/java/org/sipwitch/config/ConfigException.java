package org.sipwitch.config;

import java.util.Optional;

/**
 * A configuration that cannot be used. The message always starts with the place
 * ({@code conf/sipwitch.xml:14: }) and then says what is wrong, so it can be shown to
 * the operator as is: on the daemon's stderr at start-up, or as the answer of
 * {@code reload} while the old configuration stays in force.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;
    private final String problem;

    public ConfigException(SourcePosition position, String problem) {
        this(position, problem, null);
    }

    public ConfigException(SourcePosition position, String problem, Throwable cause) {
        super(position + ": " + problem, cause);
        this.position = position;
        this.problem = problem;
    }

    /** Where the problem is; the line is 0 when it concerns the whole file. */
    public Optional<SourcePosition> position() {
        return Optional.ofNullable(position);
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
