package org.sipwitch.sip.call;

import java.time.Clock;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.KeyedExecutor;
import org.sipwitch.sip.transaction.Scheduler;
import org.sipwitch.sip.transaction.TransactionLayer;
import org.sipwitch.sip.transport.MessageSender;

/** What every call session uses, shared by all of them: one object instead of nine parameters. */
final class CallContext {
    /** Set once by {@link CallEngine#attach} before the first message. */
    volatile TransactionLayer layer;
    final MessageSender sender;
    final KeyedExecutor executor;
    final Scheduler scheduler;
    final Clock clock;
    final LegRequests requests;
    final CallTable table;
    final CallStatistics stats;
    final AckSender acks;
    volatile CallListener listener = CallListener.NONE;
    /** Phones held by other cluster nodes are reached through them ({@link NodeRoutes#NONE}: no cluster). */
    volatile NodeRoutes routes = NodeRoutes.NONE;
    /** Further counters fed as calls start and end (the Stats MBean's own), besides {@link #stats}. */
    final java.util.List<CallCounter> counters = new java.util.concurrent.CopyOnWriteArrayList<>();

    void callStarted(String caller, String callee, long now) {
        stats.callStarted(caller, callee, now);
        for (CallCounter c : counters) {
            c.callStarted(caller, callee);
        }
    }

    void callEnded(String caller, String callee) {
        stats.callEnded(caller, callee);
        for (CallCounter c : counters) {
            c.callEnded(caller, callee);
        }
    }

    CallContext(MessageSender sender, KeyedExecutor executor, Scheduler scheduler, Clock clock,
                LegRequests requests, CallTable table, CallStatistics stats) {
        this.sender = sender;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.requests = requests;
        this.table = table;
        this.stats = stats;
        this.acks = new AckSender(sender, clock);
    }

    /** Where a request for this binding goes: the node that holds the phone, or the phone itself. */
    Peer reach(Binding binding) {
        Peer node = routes.via(binding);
        return node != null ? node : ContactPeer.reach(binding);
    }

    /** Runs the task on the lane of {@code key}: at once when already there, else queued (never dropped). */
    void onLane(String key, Runnable task) {
        if (executor.inLane(key)) {
            task.run();
        } else {
            executor.executeAlways(key, task);
        }
    }

    /** An ACK is no transaction (§17.1.1.3): it goes straight to the transport; a lost one is resent on the 2xx. */
    void sendAck(SipRequest ack, Peer to) {
        acks.send(ack, to);
    }

    Scheduler.Scheduled schedule(long delayMillis, String lane, Runnable task) {
        return scheduler.schedule(delayMillis, () -> executor.executeAlways(lane, task));
    }
}
