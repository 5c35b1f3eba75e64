package org.sipwitch.sip.routing;

import java.util.List;

/**
 * A ring group as routing needs it.
 *
 * @param id         its name ({@code sales})
 * @param extension  its extension, or null
 * @param members    user ids, extensions or aliases in ringing order
 * @param sequential one member after the other instead of all at once
 * @param ringMillis how long each member rings in sequential mode
 * @param forwardNa  where an unanswered call goes, or null (480)
 */
public record Group(String id, String extension, List<String> members, boolean sequential, long ringMillis,
                    String forwardNa) {
    public Group {
        members = List.copyOf(members);
    }
}
