/**
 * The B2BUA: calls between registered users, instant messages, call statistics.
 *
 * <h2>Shape</h2>
 * A {@link org.sipwitch.sip.call.CallSession} joins the caller's leg ({@code SourceLeg}, the server as UAS)
 * to one {@code TargetLeg} per binding of the callee (the server as UAC, forking). Every leg is its own dialog
 * (RFC 3261 §12) with its own Call-ID, tags and CSeq; only bodies (SDP, untouched) and methods cross from one
 * leg to the other ({@code DialogRelay}). No Record-Route: our Contact is the remote target of every leg.
 * Sessions sit in the fixed {@link org.sipwitch.sip.call.CallTable} ({@code <stack><mapped>} slots, call ids
 * {@code %08x:%d} = sequence, slot; no free slot → 503).
 *
 * <h2>Outcomes</h2>
 * <ul>
 * <li>caller not registered from a trusted network → 407 digest challenge; authenticated as someone unknown → 403;</li>
 * <li>target: user id, extension or alias (the Request-URI's user part; host ignored); unknown → 404;
 *     known but not registered → 480; {@code system} → 403; {@code Require}d extension → 420;</li>
 * <li>180/183 relayed (with early-media SDP); first 2xx wins, the other legs get CANCEL; a later 2xx is ACKed
 *     and BYEd;</li>
 * <li>no 2xx: all busy (486/600) → 486, all declined (603) → 603, all 488/606 → 488, anything else → 480;
 *     no answer within {@code <timers>} ring × cfna seconds → 480 and CANCEL on every leg;</li>
 * <li>caller CANCEL → 487 and CANCEL on every leg; BYE on either leg → BYE on the other; re-INVITE, INFO,
 *     UPDATE, MESSAGE (and other in-dialog methods) relayed with their responses; one re-INVITE at a time (491);</li>
 * <li>the server stopping or restarting ({@code endAll}) ends every call as a hang-up would (BYE on both legs,
 *     487/CANCEL while ringing) and answers new INVITEs 503 meanwhile;</li>
 * <li>answered calls are probed every two minutes with in-dialog OPTIONS ({@code DialogProbe}): 481 or no answer
 *     ends the call, so a lost BYE cannot hold a slot for ever.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A call's state is touched only on the lane of the caller's Call-ID: target legs send with that lane key, and
 * requests or ACKs arriving with a target leg's Call-ID hop onto it. Management calls hop the same way.
 *
 * <h2>For the management layer</h2>
 * {@link org.sipwitch.sip.call.CallEngine#calls()}, {@code status()}, {@code drop(userOrCallId)},
 * {@code sendMessage(ext, text)}, {@code statistics()} ({@link org.sipwitch.sip.call.CallStatistics}: per-entity
 * totals, current, peak, last call; {@code rollPeriod(now)} for {@code pstats}, the same type the Stats MBean keeps), and
 * {@link org.sipwitch.sip.call.CallListener} events (connecting, connected, dropped with a reason).
 */
package org.sipwitch.sip.call;
