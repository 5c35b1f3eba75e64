package org.sipwitch.sip.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Timer J of the UDP non-INVITE server transactions (RFC 3261 §17.2.2): each lingers
 * 64*T1 (32 s) after its final response, only to answer retransmissions. The delay is
 * the same for all of them, so they end in the order they completed: one queue and one
 * pending timer serve them all. A timer of its own per transaction (a wheel entry and
 * its callbacks, about 130 bytes) multiplied by 32 s of REGISTERs was a tenth of what
 * every young collection copied, and the wheel walked every entry on each turn.
 */
final class Lingering {
    private final Scheduler scheduler;
    private final long delayMillis;
    /** In completion order, so in deadline order. */
    private final ArrayDeque<NonInviteServerTransaction> queue = new ArrayDeque<>();
    private boolean armed;

    Lingering(Scheduler scheduler, long delayMillis) {
        this.scheduler = scheduler;
        this.delayMillis = delayMillis;
    }

    /** Any thread: the transaction ends {@code delayMillis} from now (on its lane). */
    void add(NonInviteServerTransaction tx) {
        synchronized (this) {
            tx.lingersUntil = scheduler.nowMillis() + delayMillis;
            queue.addLast(tx);
            if (armed) {
                return;
            }
            armed = true;
        }
        scheduler.schedule(delayMillis, this::sweep);
    }

    /** Timer thread: ends what is due, then waits for the next one. */
    private void sweep() {
        List<NonInviteServerTransaction> due = new ArrayList<>();
        long next;
        synchronized (this) {
            long now = scheduler.nowMillis();
            while (!queue.isEmpty() && queue.peekFirst().lingersUntil <= now) {
                due.add(queue.pollFirst());
            }
            if (queue.isEmpty()) {
                armed = false;
                next = -1;
            } else {
                next = queue.peekFirst().lingersUntil - now;
            }
        }
        for (NonInviteServerTransaction tx : due) {
            tx.lingered();
        }
        if (next >= 0) {
            scheduler.schedule(next, this::sweep);
        }
    }
}
