/**
 * RFC 3261 §17 transactions (with RFC 6026 for 2xx) between the transports and the core.
 *
 * <h2>Wiring</h2>
 * <pre>
 * CallIdExecutor lanes = new CallIdExecutor(concurrency, queueCapacity); // the "concurrency" verb: setConcurrency(n)
 * WheelScheduler timers = new WheelScheduler();
 * TransactionLayer layer = new TransactionLayer(messageSender, transactionUser, lanes, timers,
 *                                               TransactionSettings.defaults()); // T1 500 ms, T2 4 s, T4 5 s
 * // the transports hand every decoded message to layer.onMessage(inbound) (it is an InboundHandler)
 * </pre>
 *
 * <h2>As a server (UAS / registrar)</h2>
 * {@link org.sipwitch.sip.transaction.TransactionUser#onRequest} gets each new request once, on the lane of its
 * Call-ID; answer with {@code tx.respond(tx.createResponse(200))} (any thread). Retransmissions, ACKs of
 * non-2xx, Timer G/H/I/J/L and {@code 100 Trying} are handled here. For a 2xx to INVITE use
 * {@code tx.respondUntilAck(ok, onNoAck)}. A CANCEL reaches the TU only if
 * {@link org.sipwitch.sip.transaction.TransactionLayer#findInviteFor} finds its INVITE still undecided
 * (else 200 is sent when that INVITE has completed, 481 when there is none).
 *
 * <h2>As a client (B2BUA legs, MESSAGE)</h2>
 * {@code layer.sendRequest(request, peer, listener[, laneKey])}: the request carries its top Via with
 * {@code Responses.newBranch()}; responses, timeouts (408) and transport errors (503) come to the
 * {@link org.sipwitch.sip.transaction.ClientTransactionListener} on the lane. {@code tx.cancel()} sends CANCEL
 * once a provisional response came. 2xx to INVITE are passed up (all of them) and ACKed by the TU; a TU done
 * with its dialog hands the ACK back ({@code InviteClientTransaction.replayAck}) for the rest of Timer M.
 *
 * <h2>Completed transactions</h2>
 * A transaction that has its outcome and only waits out Timer I, J, K, L or M to answer or swallow
 * retransmissions is not an object: {@link org.sipwitch.sip.transaction.CompletedTransactions} keeps its key
 * (and the bytes to resend) in rings outside the heap, which the transport event loop consults when the
 * tables have no live transaction for a message.
 *
 * <h2>Threads</h2>
 * Matching runs on the transport event loop (a concurrent map lookup); state machines, timers and TU callbacks
 * run on the lane, so neither transactions nor TU code take locks. New requests that find their lane queue or
 * the server table full are answered 503 statelessly.
 */
package org.sipwitch.sip.transaction;
