package org.sipwitch.sip.transaction;

import java.util.ArrayDeque;

/**
 * Runs tasks one at a time per key, in submission order: everything that touches one
 * call (its transactions, their timers, the TU callbacks) is keyed by Call-ID and so
 * needs no locks (DESIGN.md, "worker pool keyed by Call-ID").
 */
public interface KeyedExecutor {

    /**
     * Queues work that arrived from the network. Returns false when the key's lane is
     * full: the caller sheds the load (a new request gets 503, a retransmission is
     * dropped and will come again).
     */
    boolean execute(String key, Runnable task);

    /**
     * Queues work that must not be lost once its transaction exists (timer firings,
     * the TU's own responses, send failures): ignores the queue bound.
     */
    void executeAlways(String key, Runnable task);

    /** True when the calling thread is the one that runs tasks of this key. */
    boolean inLane(String key);

    /**
     * Runs every task on the calling thread; a task submitted while another runs is
     * queued behind it instead of nesting. For tests and single-threaded tools.
     */
    static KeyedExecutor sameThread() {
        return new KeyedExecutor() {
            private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
            private boolean running;

            @Override
            public boolean execute(String key, Runnable task) {
                executeAlways(key, task);
                return true;
            }

            @Override
            public void executeAlways(String key, Runnable task) {
                pending.add(task);
                if (running) {
                    return;
                }
                running = true;
                try {
                    Runnable next;
                    while ((next = pending.poll()) != null) {
                        next.run();
                    }
                } finally {
                    running = false;
                }
            }

            @Override
            public boolean inLane(String key) {
                return true;
            }
        };
    }
}
