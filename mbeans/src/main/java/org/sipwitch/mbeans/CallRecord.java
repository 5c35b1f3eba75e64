package org.sipwitch.mbeans;

/**
 * A call detail record: one per call, written when it ends (to
 * {@code <state-dir>/cdr/YYYY-MM-DD.jsonl} with these names, kept in the History
 * MBean's {@code Cdr} view and sent as a {@code sipwitch.cdr} notification).
 *
 * @param callId        the call session id, as {@code calls} showed it
 * @param caller        the calling user id, or the caller's URI user for an outside caller
 * @param callee        the called user id
 * @param dialled       what the caller dialled (extension, user id, alias)
 * @param gateway       the gateway the call went through, empty when none
 * @param started       when the INVITE was admitted, ISO-8601 UTC
 * @param answered      when the call was answered, ISO-8601 UTC; empty when it never was
 * @param ended         when the call ended, ISO-8601 UTC
 * @param duration      seconds from answer to end, 0 when not answered
 * @param status        the final status the caller got: 200 for an answered call, else the failure (486, 487, 480...)
 * @param reason        why it ended: hangup, cancelled, busy, declined, no answer, dropped, no ack, lost, failed
 * @param callerAddress where the caller's INVITE came from, {@code transport:address:port}
 * @param calleeAddress the answering phone's address, empty when nobody answered
 */
public record CallRecord(String callId, String caller, String callee, String dialled, String gateway,
                         String started, String answered, String ended, long duration, int status, String reason,
                         String callerAddress, String calleeAddress) {
}
