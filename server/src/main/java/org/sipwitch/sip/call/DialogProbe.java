package org.sipwitch.sip.call;

import org.sipwitch.sip.transaction.Scheduler.Scheduled;

/**
 * Finds answered calls that only the server still believes in: every interval it sends
 * an in-dialog OPTIONS on both legs (RFC 3261 §11 allows OPTIONS inside a dialog; the
 * "dialog keep-alive" of RFC 4028 done without negotiating session timers). A
 * {@code 481} (the phone forgot the dialog) or no answer at all ({@code 408}, or
 * {@code 503} when it cannot be reached) ends the call with BYE; any other answer,
 * {@code 405} and {@code 501} included, proves the phone is there.
 */
final class DialogProbe {
    private final CallSession call;
    private final long interval;
    private Scheduled next;

    DialogProbe(CallSession call, long interval) {
        this.call = call;
        this.interval = interval;
    }

    /** Lane: the call was answered. */
    void start() {
        if (interval > 0) {
            next = call.ctx.schedule(interval, call.lane, this::probe);
        }
    }

    void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void probe() {
        next = null;
        if (call.isEnded() || call.winner == null) {
            return;
        }
        ask(call.source);
        ask(call.winner);
        if (!call.isEnded()) {
            next = call.ctx.schedule(interval, call.lane, this::probe);
        }
    }

    private void ask(Leg leg) {
        if (!leg.isConfirmed() || call.isEnded()) {
            return;
        }
        call.ctx.layer.sendRequest(call.ctx.requests.inDialog(leg, "OPTIONS"), leg.peer, (tx, response) -> {
            int s = response.status();
            if (s == 481 || s == 408 || s == 503) {
                call.hangup(null, "lost");
            }
        }, call.lane);
    }
}
