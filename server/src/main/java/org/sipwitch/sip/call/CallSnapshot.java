package org.sipwitch.sip.call;

/**
 * One call session as the engine shows it to whoever asks (management maps it to its
 * own record).
 *
 * @param id       call session id, {@code %08x:%d} (session number, leg count)
 * @param state    {@code ringing}, {@code connecting}, {@code joined}, {@code holding}, {@code closing}...
 * @param source   the calling party (user id, extension or URI)
 * @param display  display name of the calling party, or empty
 * @param target   what was dialled
 * @param started  start time, epoch milliseconds
 * @param duration seconds since the call was answered, 0 while it rings
 * @param transports the caller's transport ({@code udp}, {@code tcp}, {@code tls}, {@code ws}, {@code wss}),
 *                 then {@code >} and the answering phone's once answered, e.g. {@code ws>udp}
 */
public record CallSnapshot(String id, String state, String source, String display, String target,
                           long started, long duration, String transports) {
}
