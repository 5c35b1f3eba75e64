package org.sipwitch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A drop-in file of {@code sipwitch.d/}: {@code <id>.xml} when enabled,
 * {@code <id>.xml.disabled} when not.
 */
public record DropIn(String id, boolean enabled, Path path) {

    public DropIn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
    }
}
