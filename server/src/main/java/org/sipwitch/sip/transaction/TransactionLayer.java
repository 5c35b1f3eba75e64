package org.sipwitch.sip.transaction;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transport.InboundHandler;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.sip.transport.ResponseRouting;

/**
 * The transaction layer of RFC 3261 §17 between the transports and the core.
 *
 * <p>Inbound messages arrive on transport event loops. Matching happens there (a map
 * lookup); everything else — state machines, timers, TU callbacks — is posted to the
 * lane of the transaction's Call-ID on the {@link KeyedExecutor}. A new request whose
 * lane is full, or that finds the server table full, is answered 503 statelessly
 * (RFC 3261 §21.5.4) and never reaches the TU — except ACK, BYE and CANCEL: they end
 * work already admitted (a call, a ringing INVITE), so shedding them would only keep
 * that work alive longer; they always go through (see {@link #endsWork}).
 *
 * <pre>
 * layer = new TransactionLayer(sender, tu, new CallIdExecutor(4, 10_000), new WheelScheduler(),
 *                              TransactionSettings.defaults());
 * transport.setInboundHandler(layer);
 * </pre>
 */
public final class TransactionLayer implements InboundHandler {
    final MessageSender sender;
    final TransactionUser tu;
    final KeyedExecutor executor;
    final Scheduler scheduler;
    final TransactionSettings settings;
    final TransactionStats stats = new TransactionStats();
    final ConcurrentHashMap<String, SuccessRetransmitter> ackWaiters = new ConcurrentHashMap<>();
    private final TransactionTable<ServerTransaction> servers;
    private final TransactionTable<ClientTransaction> clients;
    final CompletedTransactions completed;

    public TransactionLayer(MessageSender sender, TransactionUser tu, KeyedExecutor executor, Scheduler scheduler,
                            TransactionSettings settings) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tu = Objects.requireNonNull(tu, "tu");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.servers = new TransactionTable<>(settings.maxServerTransactions());
        this.clients = new TransactionTable<>(settings.maxClientTransactions());
        this.completed = new CompletedTransactions(scheduler, settings);
    }

    @Override
    public void onMessage(InboundMessage in) {
        SipMessage m = in.message();
        try {
            if (m instanceof SipRequest request) {
                onRequest(in, request);
            } else {
                onResponse(in, (SipResponse) m);
            }
        } catch (SipParseException e) {
            // the decoder checks these headers; whatever still slips through is dropped
            stats.unparsable.increment();
        }
    }

    private void onRequest(InboundMessage in, SipRequest request) throws SipParseException {
        Via top = request.topVia();
        boolean legacy = !top.hasRfc3261Branch();
        String callId = laneOf(request);
        if (request.isMethod("ACK")) {
            TransactionKey key = TransactionKey.forServer(request, top, "INVITE");
            ServerTransaction tx = servers.get(key);
            if (tx instanceof InviteServerTransaction invite && invite.matches(request, legacy)) {
                executor.executeAlways(callId, () -> invite.receiveAck(in));
            } else if (tx == null && completed.absorbsAck(key)) {
                stats.retransmissionsAbsorbed.increment(); // of an ACK to a non-2xx (Timer I)
            } else {
                executor.executeAlways(callId, () -> deliverAck(in));
            }
            return;
        }
        TransactionKey key = TransactionKey.forServer(request, top, request.method());
        ServerTransaction existing = servers.get(key);
        if (existing != null && existing.matches(request, legacy)) {
            // a retransmission: if its lane is full it is dropped, the client sends it again
            executor.execute(callId, existing::receiveRetransmission);
            return;
        }
        if (existing == null && (request.isMethod("INVITE") || !in.source().transport().isReliable())
                && resendLingering(key, legacy ? TransactionKey.toTag(request) : null)) {
            stats.retransmissionsAbsorbed.increment(); // of a completed transaction
            return;
        }
        boolean endsWork = endsWork(request);
        if (!endsWork && !servers.hasRoom()) {
            rejectStatelessly(in, request, top);
            return;
        }
        Peer destination = ResponseRouting.destination(in, top);
        ServerTransaction tx = request.isMethod("INVITE")
                ? new InviteServerTransaction(this, key, in, destination)
                : new NonInviteServerTransaction(this, key, in, destination);
        ServerTransaction raced = servers.putIfAbsent(key, tx);
        if (raced != null) {
            executor.execute(callId, raced::receiveRetransmission); // same request on two event loops
            return;
        }
        if (endsWork) {
            executor.executeAlways(callId, () -> begin(tx));
        } else if (!executor.execute(callId, () -> begin(tx))) {
            servers.remove(key, tx);
            rejectStatelessly(in, request, top);
        }
    }

    /**
     * BYE and CANCEL (and ACK, handled above) are never shed: each frees a call slot or
     * ends a ringing INVITE, and a caller whose BYE got 503 gives up while we keep the
     * call. They are bounded by the work they end, not by the network.
     */
    static boolean endsWork(SipRequest request) {
        return request.isMethod("BYE") || request.isMethod("CANCEL");
    }

    /** Lane: a new server transaction meets the TU. */
    private void begin(ServerTransaction tx) {
        tx.started();
        if (tx.request().isMethod("CANCEL") && findInviteFor(tx.request()) == null) {
            // §9.2: an INVITE that has its final response cannot be cancelled (200, no effect);
            // none at all, nothing to cancel (481); the TU need not hear of either
            tx.respond(completedInvite(tx.request()) ? 200 : 481);
            return;
        }
        tu.onRequest(tx);
    }

    /** Lane: an ACK for a 2xx (or one that matched nothing): stop any 2xx retransmission, then the TU. */
    void deliverAck(InboundMessage ack) {
        String key = SuccessRetransmitter.ackKey(ack.message());
        if (key != null) {
            SuccessRetransmitter waiting = ackWaiters.get(key);
            if (waiting != null) {
                waiting.stop();
            }
        }
        tu.onAck(ack);
    }

    private void rejectStatelessly(InboundMessage in, SipRequest request, Via top) {
        stats.rejected.increment();
        SipResponse r = Responses.create(request, 503);
        Responses.ensureToTag(r, Responses.newTag());
        r.setHeader(HeaderNames.RETRY_AFTER, "5");
        sender.send(r, ResponseRouting.destination(in, top));
    }

    private void onResponse(InboundMessage in, SipResponse response) throws SipParseException {
        TransactionKey key = TransactionKey.forResponse(response);
        ClientTransaction tx = clients.get(key);
        if (tx != null) {
            executor.execute(tx.lane, () -> tx.receive(response));
            return;
        }
        LingeringResponses.Kept kept = response.isFinal() ? completed.client(key, response.cseq().sequence()) : null;
        if (kept != null) { // Timer K, or M after the TU handed its ACK over
            stats.retransmissionsAbsorbed.increment();
            if (kept.wire().length > 0) {
                sendEncoded(kept.wire(), kept.to()).whenComplete((ok, error) -> {
                    if (error != null) {
                        tu.onAckNotResent(kept.to(), error);
                    }
                });
            }
            return;
        }
        stats.strayResponses.increment();
        executor.execute(laneOf(response), () -> tu.onStrayResponse(in));
    }

    /**
     * Sends a request in a new client transaction, with callbacks on the lane of its
     * Call-ID. The request must carry its top Via with a fresh RFC 3261 branch
     * ({@link Responses#newBranch()}); the layer adds nothing to it.
     */
    public ClientTransaction sendRequest(SipRequest request, Peer to, ClientTransactionListener listener) {
        return sendRequest(request, to, listener, laneOf(request));
    }

    /**
     * As above, with callbacks on the lane of {@code laneKey}: a B2BUA passes the
     * Call-ID of the caller's leg, so both legs of a call run on one thread.
     */
    public ClientTransaction sendRequest(SipRequest request, Peer to, ClientTransactionListener listener,
                                         String laneKey) {
        Objects.requireNonNull(listener, "listener");
        if (request.isMethod("ACK")) {
            throw new IllegalArgumentException("an ACK is not a transaction: send it with the MessageSender");
        }
        String branch;
        try {
            branch = request.topVia().branch();
        } catch (SipParseException e) {
            throw new IllegalArgumentException("request needs a top Via: " + e.getMessage(), e);
        }
        if (branch == null || !branch.startsWith(Via.MAGIC_COOKIE)) {
            throw new IllegalArgumentException("top Via needs an RFC 3261 branch (Responses.newBranch())");
        }
        TransactionKey key = TransactionKey.forClient(branch, request.method());
        String lane = laneKey == null ? "" : laneKey;
        ClientTransaction tx = request.isMethod("INVITE")
                ? new InviteClientTransaction(this, key, lane, request, to, listener)
                : new NonInviteClientTransaction(this, key, lane, request, to, listener);
        if (!clients.hasRoom() || clients.putIfAbsent(key, tx) != null) {
            stats.rejected.increment();
            tx.onLane(tx::refuse);
            return tx;
        }
        tx.onLane(tx::start);
        return tx;
    }

    /** The INVITE server transaction a CANCEL (or its server transaction's request) cancels, or null (§9.2). */
    public InviteServerTransaction findInviteFor(SipRequest cancel) {
        try {
            ServerTransaction tx = servers.get(TransactionKey.forServer(cancel, cancel.topVia(), "INVITE"));
            return tx instanceof InviteServerTransaction invite ? invite : null;
        } catch (SipParseException e) {
            return null;
        }
    }

    /** True when the INVITE a CANCEL names has completed and left the table (Timer L or I). */
    private boolean completedInvite(SipRequest cancel) {
        try {
            TransactionKey key = TransactionKey.forServer(cancel, cancel.topVia(), "INVITE");
            return completed.server(key, key.legacy() ? TransactionKey.toTag(cancel) : null) != null;
        } catch (SipParseException e) {
            return false;
        }
    }

    /**
     * Any thread: what a completed server transaction does with a retransmission of its
     * request — resend its response, or absorb it when it kept none; false when none is kept.
     */
    boolean resendLingering(TransactionKey key, String tag) {
        LingeringResponses.Kept kept = completed.server(key, tag);
        if (kept == null) {
            return false;
        }
        if (kept.wire().length > 0) {
            stats.responsesRetransmitted.increment();
            sendEncoded(kept.wire(), kept.to()).whenComplete((ok, error) -> {
                if (error != null) {
                    stats.transportErrors.increment(); // nothing waits for it: the transaction has ended
                }
            });
        }
        return true;
    }

    /**
     * Sends kept bytes; a sender that throws gives a failed future instead, so that no
     * caller sees it thrown (on an event loop it would reach the channel's pipeline).
     */
    CompletableFuture<Void> sendEncoded(byte[] wire, Peer to) {
        try {
            return sender.sendEncoded(wire, to);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Called by a transaction as it terminates. */
    void removed(Transaction tx) {
        if (tx instanceof ServerTransaction s) {
            servers.remove(tx.key, s);
        } else {
            clients.remove(tx.key, (ClientTransaction) tx);
        }
    }

    /** Live server transactions, the completed ones that only linger for retransmissions included. */
    public int serverTransactionCount() {
        return servers.size() + completed.servers();
    }

    /** Live client transactions, the completed ones that only absorb retransmissions included. */
    public int clientTransactionCount() {
        return clients.size() + completed.clients();
    }

    public TransactionStats.Snapshot stats() {
        return stats.snapshot(serverTransactionCount(), clientTransactionCount(), completed.cutShort());
    }

    public TransactionSettings settings() {
        return settings;
    }

    private static String laneOf(SipMessage m) {
        String id = m.callId();
        return id == null ? "" : id;
    }
}
