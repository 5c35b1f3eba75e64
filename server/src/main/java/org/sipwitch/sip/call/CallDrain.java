package org.sipwitch.sip.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transaction.ClientTransaction;
import org.sipwitch.sip.transaction.ClientTransactionListener;

/**
 * The calls ended at shutdown or restart, until the phones have heard of it: every BYE
 * answered (or timed out), every cancelled fork finally answered. The server closes its
 * transports only after this completes (or its grace period ran out), so the BYE and
 * CANCEL are not lost with the sockets.
 *
 * <p>A count of what is still outstanding; the dispatcher holds one until it has handed
 * every call to its lane, so an early answer cannot complete the drain too soon.
 */
final class CallDrain {
    private final AtomicInteger pending = new AtomicInteger(1);
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    void expect() {
        pending.incrementAndGet();
    }

    void settle() {
        if (pending.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    /** Expects one request's final response (a timeout or transport error counts as one). */
    ClientTransactionListener listener() {
        expect();
        return new ClientTransactionListener() {
            private boolean settled; // lane-confined

            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                if (!settled) {
                    settled = true;
                    settle();
                }
            }
        };
    }

    /** The dispatcher is done handing out calls: releases its own count. */
    CompletableFuture<Void> dispatched() {
        settle();
        return done;
    }
}
