package org.sipwitch.sip.transaction;

import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * Retransmits a 2xx to INVITE until its ACK arrives (RFC 3261 §13.3.1.4): over UDP at
 * T1, 2*T1, ... capped at T2; gives up after 64*T1 and tells the TU, which should
 * then send BYE. The ACK is recognised by the layer from Call-ID, CSeq number and To
 * tag, since it is a new transaction with its own branch (§17.1.1.3).
 */
final class SuccessRetransmitter {
    private final TransactionLayer layer;
    private final String lane;
    private final SipResponse response;
    private final Peer destination;
    private final boolean reliable;
    private final Runnable onNoAck;
    private final String ackKey;
    private Scheduled retransmit;
    private Scheduled giveUp;
    private long interval;
    private boolean done; // lane-confined

    SuccessRetransmitter(TransactionLayer layer, String lane, SipResponse response, Peer destination,
                         boolean reliable, Runnable onNoAck) {
        this.layer = layer;
        this.lane = lane;
        this.response = response;
        this.destination = destination;
        this.reliable = reliable;
        this.onNoAck = onNoAck;
        this.ackKey = ackKey(response);
    }

    /** Call-ID, CSeq number and To tag: what a 2xx and its ACK have in common. */
    static String ackKey(org.sipwitch.sip.message.SipMessage m) {
        try {
            return m.callId() + '|' + m.cseq().sequence() + '|' + TransactionKey.toTag(m);
        } catch (org.sipwitch.sip.message.SipParseException e) {
            return null;
        }
    }

    /** Lane: the 2xx has just been sent once by the transaction. */
    void start() {
        if (ackKey == null) {
            return;
        }
        SuccessRetransmitter previous = layer.ackWaiters.put(ackKey, this);
        if (previous != null) {
            previous.stop();
        }
        if (!reliable) {
            interval = layer.settings.t1();
            retransmit = schedule(interval, this::retransmit);
        }
        giveUp = schedule(layer.settings.sixtyFourT1(), () -> {
            stop();
            if (onNoAck != null) {
                onNoAck.run();
            }
        });
    }

    private Scheduled schedule(long delay, Runnable task) {
        return layer.scheduler.schedule(delay, () -> layer.executor.executeAlways(lane, () -> {
            if (!done) {
                task.run();
            }
        }));
    }

    private void retransmit() {
        layer.stats.responsesRetransmitted.increment();
        layer.sender.send(response, destination);
        interval = Math.min(2 * interval, layer.settings.t2());
        retransmit = schedule(interval, this::retransmit);
    }

    /** Lane: the ACK came, or we gave up. */
    void stop() {
        done = true;
        layer.ackWaiters.remove(ackKey, this);
        retransmit = Transaction.cancel(retransmit);
        giveUp = Transaction.cancel(giveUp);
    }
}
