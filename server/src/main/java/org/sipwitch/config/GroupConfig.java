package org.sipwitch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ring group, {@code <provision><group id="sales">}: one name (and extension) that rings
 * several users.
 *
 * @param id         dialled like a user id
 * @param extension  its extension inside the registry range, if any
 * @param members    user ids, extensions or aliases, in ringing order
 * @param sequential ring one member after the other ({@code <mode>sequential}) instead of all at once
 * @param rings      rings per member in sequential mode (each {@code <timers><ring>} seconds); 0 = {@code <timers><cfna>}
 * @param forwardNa  where an unanswered call goes ({@code <forwarding><na>}); empty = 480
 * @param position   where the element is written
 */
public record GroupConfig(String id, Optional<String> extension, List<String> members, boolean sequential, int rings,
                          Optional<String> forwardNa, SourcePosition position) {

    public GroupConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(extension, "extension");
        members = List.copyOf(members);
        Objects.requireNonNull(forwardNa, "forwardNa");
        Objects.requireNonNull(position, "position");
    }
}
