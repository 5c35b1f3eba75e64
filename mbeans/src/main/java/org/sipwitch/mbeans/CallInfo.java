package org.sipwitch.mbeans;

/**
 * One active call session ({@code calls}).
 *
 * @param id       call session id, {@code %08x:%d} (session number, leg count)
 * @param state    {@code ringing}, {@code connecting}, {@code joined}, {@code holding}, {@code closing}...
 * @param source   the calling party (user id, extension or URI)
 * @param display  display name of the calling party, or empty
 * @param target   what was dialled
 * @param started  start time, epoch milliseconds
 * @param startedIso the same as ISO-8601 UTC text
 * @param duration seconds since the call was answered, 0 while it rings
 */
public record CallInfo(String id, String state, String source, String display, String target,
                       long started, String startedIso, long duration) {

    /** With {@code startedIso} made from the epoch value. */
    public CallInfo(String id, String state, String source, String display, String target, long started,
                    long duration) {
        this(id, state, source, display, target, started, Iso.of(started), duration);
    }
}
