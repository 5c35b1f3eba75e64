package org.sipwitch.sip.call;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.sip.net.Peer;

/**
 * Sends ACKs for 2xx (RFC 3261 §13.2.2.4): no transaction, straight to the transport. A
 * lost one needs no retry of ours — the phone sends its 2xx again and gets the ACK again
 * — so a failure ends nothing; but it is counted and logged, at most once per
 * {@link #LOG_EVERY_MILLIS}, because an unreachable phone repeating its 2xx would
 * otherwise fill the log with the same line.
 */
final class AckSender {
    static final long LOG_EVERY_MILLIS = 10_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AckSender.class);

    private final MessageSender sender;
    private final Clock clock;
    private final LongAdder failed = new LongAdder();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);

    AckSender(MessageSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    void send(SipRequest ack, Peer to) {
        attempt(() -> sender.send(ack, to), to);
    }

    /** ACKs that could not be sent (refused at once, or failed on the way out), since start. */
    long failed() {
        return failed.sum();
    }

    private void attempt(Supplier<CompletableFuture<Void>> send, Peer to) {
        try {
            send.get().whenComplete((ok, e) -> {
                if (e != null) {
                    failed(to, e);
                }
            });
        } catch (RuntimeException e) {
            failed(to, e);
        }
    }

    /** Also for the ACKs the transaction layer replays for ended calls ({@link AckReplay}). */
    void failed(Peer to, Throwable e) {
        failed.increment();
        long now = clock.millis();
        long due = nextLogAt.get();
        if (now >= due && nextLogAt.compareAndSet(due, now + LOG_EVERY_MILLIS)) {
            LOG.warn("ACK to {} not sent: {} ({} ACK(s) not sent since start; the phone will repeat its 2xx)",
                    to, e.toString(), failed.sum());
        }
    }
}
