package org.sipwitch.sip.transaction;

import java.util.concurrent.CompletableFuture;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * What every transaction shares: its key, its lane, its state, its timers, and how it
 * sends. All state changes run on the transaction's lane (the lane of its Call-ID,
 * or the one its TU chose), so the fields need no locks: entry points from other
 * threads (transport event loops, the timer thread, TU code on another call's lane)
 * hop onto the lane first.
 */
public abstract class Transaction {
    final TransactionLayer layer;
    final TransactionKey key;
    final String lane;
    /** Null once the transaction only absorbs retransmissions (see {@link #release()}). */
    SipRequest request;
    private final String method;
    final boolean reliable;
    /** Written on the lane only; volatile so other threads can look at it. */
    volatile TransactionState state;

    Transaction(TransactionLayer layer, TransactionKey key, String lane, SipRequest request, boolean reliable,
                TransactionState initial) {
        this.layer = layer;
        this.key = key;
        this.lane = lane;
        this.request = request;
        this.method = request.method();
        this.reliable = reliable;
        this.state = initial;
    }

    /**
     * The request, valid until the transaction has its final outcome: a server
     * transaction until its final response is sent (an INVITE's non-2xx: until the ACK),
     * a client transaction until its final response was delivered. The transaction then
     * lives on for up to 64*T1 (32 s) only to absorb retransmissions, and keeping every
     * request, with its SDP and parsed headers, that long was most of the daemon's heap
     * under load and most of what each young GC copied (docs/benchmarks.md).
     */
    public SipRequest request() {
        return request;
    }

    /** Lane: drop the request; only what matching and retransmission need stays. */
    void release() {
        request = null;
    }

    public TransactionState state() {
        return state;
    }

    public boolean isTerminated() {
        return state == TransactionState.TERMINATED;
    }

    public String method() {
        return method;
    }

    /** The key of the lane this transaction runs on (normally its Call-ID). */
    public String laneKey() {
        return lane;
    }

    /** Runs now when already on the lane, else queues it there; never lost. */
    final void onLane(Runnable task) {
        if (layer.executor.inLane(lane)) {
            task.run();
        } else {
            layer.executor.executeAlways(lane, task);
        }
    }

    /**
     * Starts a timer whose firing runs on the lane, and only while the transaction
     * lives; the state machines additionally check that they are still in the state
     * that started it, so a firing that raced with its cancellation does nothing.
     */
    final Scheduled startTimer(long delayMillis, Runnable onFire) {
        return layer.scheduler.schedule(delayMillis, () -> layer.executor.executeAlways(lane, () -> {
            if (state != TransactionState.TERMINATED) {
                onFire.run();
            }
        }));
    }

    /** Timers D, I, J, K are zero over reliable transports: then terminate at once. */
    final Scheduled terminateAfter(long delayMillis) {
        if (delayMillis <= 0) {
            terminate();
            return null;
        }
        return startTimer(delayMillis, this::terminate);
    }

    /**
     * Cancels a timer and returns null, for {@code timerX = cancel(timerX)}: a cancelled
     * timer still referenced from its field keeps the wheel's entry and the callbacks
     * alive for as long as the transaction lives (up to 32 s), which under load was
     * about a quarter of a million dead timer objects.
     */
    static Scheduled cancel(Scheduled timer) {
        if (timer != null) {
            timer.cancel();
        }
        return null;
    }

    /**
     * Sends a message; a failure comes back on the lane as {@link #sendFailed} when
     * {@code report} is set (requests and responses), and is ignored for ACKs.
     */
    final void send(SipMessage message, Peer to, boolean report) {
        CompletableFuture<Void> f;
        try {
            f = layer.sender.send(message, to);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (report) {
            reportFailure(f);
        }
    }

    private void reportFailure(CompletableFuture<Void> f) {
        f.whenComplete((ok, error) -> {
            if (error != null) {
                onLane(() -> {
                    if (state != TransactionState.TERMINATED) {
                        layer.stats.transportErrors.increment();
                        sendFailed(error);
                    }
                });
            }
        });
    }

    /** Resends bytes kept by a server transaction; a failure is reported as for {@link #send}. */
    final void sendEncoded(byte[] wire, Peer to) {
        reportFailure(layer.sendEncoded(wire, to));
    }

    /** §17.1.4, §17.2.4: a transport failure ends the transaction and tells the TU. */
    abstract void sendFailed(Throwable cause);

    /** Stops every timer of the subclass. */
    abstract void cancelTimers();

    /** Leaves the table; further events are ignored. Idempotent. */
    final void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        cancelTimers();
        layer.removed(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + method + " " + key.id() + " " + state + "]";
    }
}
