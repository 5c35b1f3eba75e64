package org.sipwitch.sip.call;

/**
 * What a call detail record needs of an ended call, told to {@link CallListener#ended}.
 * Times are epoch milliseconds; {@code answered} is 0 for a call never answered.
 *
 * @param status        the final status the caller got (200 when answered)
 * @param reason        why it ended, as {@link CallListener#dropped} says
 * @param callerAddress the caller's transport address
 * @param calleeAddress the answering phone's address, empty when nobody answered
 */
public record CallDetail(String id, String caller, String callee, String dialled, long started, long answered,
                         long ended, int status, String reason, String callerAddress, String calleeAddress) {
}
