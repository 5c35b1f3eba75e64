package org.sipwitch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where something was written in a config file. Every parsed element carries one so
 * that an error, a duplicate or a dump line can point the operator at {@code file:line}.
 *
 * @param file   the file as the loader was given it (relative paths stay relative, so
 *               messages read like the command line the operator typed)
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /** A position for a whole file, when no line applies (unreadable file, missing root). */
    public static SourcePosition of(Path file) {
        return new SourcePosition(file, 0, 0);
    }

    /** {@code file:line}, or just {@code file} when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
