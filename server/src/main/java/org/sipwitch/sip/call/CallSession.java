package org.sipwitch.sip.call;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.gateway.DigestAnswer;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.routing.CallPlan;
import org.sipwitch.sip.transaction.ClientTransactionListener;
import org.sipwitch.sip.transaction.Scheduler.Scheduled;
import org.sipwitch.sip.transaction.ServerTransaction;
import org.sipwitch.sip.transaction.TransactionState;

/**
 * One call: the caller's leg and the forked target legs, and the rules that join
 * them (first 2xx wins, the others are cancelled; no answer within ring × cfna gives
 * up; BYE on one leg ends the other). Every method runs on the call's lane — the lane
 * of the caller's Call-ID — so the state needs no locks; the few fields other threads
 * read ({@code calls}, {@code status}) are volatile.
 */
final class CallSession {
    final CallContext ctx;
    private final int slot;
    private final String id;
    /** The lane key: the caller's Call-ID. */
    final String lane;
    final UserIdentity caller;
    final UserIdentity callee;
    private final String dialled;
    private final long started;
    SourceLeg source;
    final List<TargetLeg> targets = new ArrayList<>(2);
    /** The legs of the attempt ringing now (all of {@link #targets} but for forwarding and sequential groups). */
    private final List<TargetLeg> current = new ArrayList<>(2);
    private CallPlan plan;
    /** How long a provider may stay silent (no 100 Trying) before its leg counts as down. */
    static final long GATEWAY_SILENCE_MILLIS = 4_000;
    TargetLeg winner;
    private volatile CallState state = CallState.RINGING;
    private volatile long answeredAt;
    /** What the call runs over, for {@code calls}: the caller's transport, then {@code >} the answering phone's. */
    private volatile String transports = "";
    private Scheduled noAnswer;
    private DialogProbe probe;
    private int maxForwards = 70;
    private boolean ended;
    /** The final status the caller got (200 once answered), 0 before. */
    private int callerStatus;
    /** Statistics heard of this call's start, so they must hear of its end. */
    private boolean counted;
    /** Set when the server ends the call at shutdown or restart: what it sends is waited for. */
    private CallDrain drain;
    final DialogRelay relay;

    CallSession(CallContext ctx, int slot, int sequence, String lane, UserIdentity caller, UserIdentity callee,
                String dialled) {
        this.ctx = ctx;
        this.slot = slot;
        this.id = formatId(sequence, slot);
        this.lane = lane;
        this.caller = caller;
        this.callee = callee;
        this.dialled = dialled;
        this.started = ctx.clock.millis();
        this.relay = new DialogRelay(this);
    }

    /** "%08x:%d" without a Formatter: one per call. */
    static String formatId(int sequence, int slot) {
        return HexFormat.of().toHexDigits(sequence) + ':' + slot;
    }

    int slot() {
        return slot;
    }

    String id() {
        return id;
    }

    CallState state() {
        return state;
    }

    void setState(CallState s) {
        if (!ended) {
            state = s;
        }
    }

    boolean isEnded() {
        return ended;
    }

    /** True when the user (id or extension) is a party of this call. */
    boolean involves(String user) {
        return caller.id().equals(user) || callee.id().equals(user) || user.equals(caller.extension())
                || user.equals(callee.extension());
    }

    CallSnapshot snapshot() {
        long answered = answeredAt;
        long duration = answered == 0 ? 0 : Math.max(0, (ctx.clock.millis() - answered) / 1000);
        String display = caller.display() == null ? "" : caller.display();
        return new CallSnapshot(id, state.label(), caller.id(), display, dialled, started, duration, transports);
    }

    /**
     * Lane: the caller's INVITE was admitted; ring the plan's first attempt (§16.6 step by
     * step, one UAC per branch) and, when it fails, whatever the plan says next.
     */
    void start(ServerTransaction invite, CallPlan plan, CallPlan.Attempt first, CallSettings settings)
            throws SipParseException {
        probe = new DialogProbe(this, settings.probeMillis());
        source = new SourceLeg(this, invite);
        transports = source.peer.transport().param();
        ctx.table.index(source);
        this.plan = plan;
        SipRequest offer = invite.request();
        this.maxForwards = Math.max(1, offer.maxForwards() < 0 ? 70 : offer.maxForwards() - 1);
        ring(first);
    }

    /** Lane: one attempt of the plan: every branch at once, for the attempt's ring time. */
    private void ring(CallPlan.Attempt attempt) {
        current.clear();
        String fromTag = Responses.newTag();
        for (CallPlan.Branch b : attempt.branches()) {
            TargetLeg leg = new TargetLeg(this, Responses.newTag() + "@sipwitch", b);
            leg.local = attempt.from().withParam("tag", fromTag);
            leg.remote = attempt.to();
            if (leg.throughNode) {
                // the node holding the phone finds it by its user: a group's or forwarded number means nothing there
                leg.remote = new NameAddress(attempt.to().display(), attempt.to().uri().withUser(b.binding().userId()),
                        null);
            }
            leg.asserted = attempt.asserted();
            try {
                leg.remoteTarget = b.binding() != null ? SipUri.parse(b.binding().contact()) : b.uri();
            } catch (SipParseException e) {
                continue; // a contact we cannot dial: the other devices may still answer
            }
            if (leg.peer == null) {
                continue;
            }
            targets.add(leg);
            current.add(leg);
            ctx.table.index(leg);
        }
        if (current.isEmpty()) {
            attemptFailed(CallPlan.Failure.OTHER, 480, "failed");
            return;
        }
        if (!counted) { // a call counts once something rings: a target nobody can dial is no call
            counted = true;
            ctx.callStarted(caller.id(), callee.id(), started);
            ctx.listener.connecting(snapshot());
        }
        for (TargetLeg leg : List.copyOf(current)) {
            sendInvite(leg, null);
            if (leg.gateway != null && !ended) {
                // a provider that does not even say 100 Trying is down: the caller hears so in seconds, not at Timer B
                leg.silence = ctx.schedule(GATEWAY_SILENCE_MILLIS, lane, () -> providerSilent(leg));
            }
        }
        if (!ended && winner == null) { // every leg may have failed at once (unreachable phones)
            cancelTimer();
            noAnswer = ctx.schedule(attempt.ringMillis(), lane, this::noAnswer);
        }
    }

    private void sendInvite(TargetLeg leg, DigestAnswer.Header credentials) {
        SipRequest invite = ctx.requests.inDialog(leg, "INVITE");
        invite.setHeader(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards));
        if (leg.asserted != null) {
            invite.addHeader("P-Asserted-Identity", leg.asserted);
        }
        if (credentials != null) {
            invite.addHeader(credentials.name(), credentials.value());
        }
        LegRequests.copyPayload(source.invite.request(), invite);
        leg.inviteCseq = leg.localCseq;
        if (leg.throughNode) {
            ctx.routes.sign(invite);
        }
        leg.invite = ctx.layer.sendRequest(invite, leg.peer, leg, lane);
    }

    /** Lane: the provider challenged our INVITE: send it again with the gateway's credentials (§22.2), once. */
    boolean answerChallenge(TargetLeg leg, SipResponse challenge) {
        if (ended || source.answered || leg.invite == null) {
            return false;
        }
        var answer = leg.gateway.credentials().answer(challenge, leg.invite.request());
        if (answer.isEmpty()) {
            return false;
        }
        leg.authenticated = true;
        sendInvite(leg, answer.get());
        return true;
    }

    /** Timer: a gateway leg heard nothing at all. */
    private void providerSilent(TargetLeg leg) {
        if (ended || leg.heard || leg.isFinal() || !current.contains(leg)) {
            return;
        }
        leg.finalStatus = 503;
        targetFailed(leg, null);
    }

    /** Lane: the binding's connection failed; sends the INVITE once more at the Contact's own address. */
    boolean retryAtContact(TargetLeg leg) {
        if (leg.retried || leg.throughNode || ended || source.answered || !leg.peer.transport().isStream()) {
            return false;
        }
        Peer direct = ContactPeer.atContact(leg.remoteTarget, leg.peer.transport());
        if (direct == null || direct.equals(leg.peer)) {
            return false;
        }
        leg.retried = true;
        leg.peer = direct;
        sendInvite(leg, null);
        return true;
    }

    /** Lane: a 180/183 on a target leg is relayed, with its early-media SDP (§21.1). */
    void targetProvisional(TargetLeg leg, SipResponse response) {
        if (response.status() == 100 || state != CallState.RINGING || source.answered) {
            return;
        }
        SipResponse out = source.invite.createResponse(response.status());
        echoRecordRoute(out);
        out.addHeader(HeaderNames.CONTACT, ctx.requests.contact(contactUser(), source.peer));
        LegRequests.copyPayload(response, out);
        source.invite.respond(out);
    }

    /** Lane: a 2xx on a target leg — the winner, a retransmission, or a late fork. */
    void targetAnswered(TargetLeg leg, SipResponse response) {
        long cseq = cseqOf(response);
        if (leg == winner || leg.released) {
            ackAgain(leg, cseq); // §13.2.2.4: every retransmitted 2xx gets the ACK again
            return;
        }
        learnDialog(leg, response);
        leg.finalStatus = response.status();
        if (winner != null || state != CallState.RINGING || source.answered || ended) {
            releaseLate(leg, cseq); // a second fork answered, or the caller gave up meanwhile
            return;
        }
        winner = leg;
        transports = source.peer.transport().param() + ">" + leg.peer.transport().param();
        answeredAt = ctx.clock.millis();
        callerStatus = response.status();
        cancelTimer();
        for (TargetLeg other : targets) {
            if (other != leg && !other.isFinal() && other.invite != null) {
                other.invite.cancel();
            }
        }
        if (source.invite.request().body().length > 0) {
            ackNow(leg, cseq, null); // the offer was in the INVITE: the ACK carries nothing
        } else {
            leg.unacked = response; // delayed offer (§13.2.1): the caller's ACK has the answer
        }
        SipResponse ok = source.invite.createResponse(response.status());
        echoRecordRoute(ok);
        ok.addHeader(HeaderNames.CONTACT, ctx.requests.contact(contactUser(), source.peer));
        LegRequests.copyPayload(response, ok);
        source.answered = true;
        state = CallState.CONNECTING;
        source.invite.respondUntilAck(ok, () -> hangup(null, "no ack"));
        probe.start();
        ctx.listener.connected(snapshot());
    }

    /** §12.1.1: a UAS copies the Record-Route of the request into its 18x and 2xx, so the caller's proxy stays in the path. */
    private void echoRecordRoute(SipResponse out) {
        for (String rr : source.invite.request().headers().getAll(HeaderNames.RECORD_ROUTE)) {
            out.addHeader(HeaderNames.RECORD_ROUTE, rr);
        }
    }

    /** The user part of our Contact toward the caller: who was dialled. */
    private String contactUser() {
        String u = source.local.uri().user();
        return u == null ? callee.id() : u;
    }

    private void learnDialog(Leg leg, SipResponse response) {
        try {
            List<String> recorded = response.headers().values(HeaderNames.RECORD_ROUTE);
            if (!recorded.isEmpty()) {
                List<String> routes = new ArrayList<>(recorded);
                java.util.Collections.reverse(routes); // §12.1.2: the UAC's route set is the Record-Route reversed
                leg.routes = List.copyOf(routes);
            }
            leg.remote = response.to();
            List<NameAddress> contacts = response.contacts();
            if (!contacts.isEmpty()) {
                leg.remoteTarget = contacts.get(0).uri();
            }
        } catch (SipParseException e) {
            // keep what we had: the To of the request and the binding's contact
        }
    }

    /** ACK + BYE for a 2xx that lost the race (RFC 3261 §16.7 point 5 for proxies; a B2BUA must end the dialog itself). */
    private void releaseLate(TargetLeg leg, long cseq) {
        leg.released = true;
        ackNow(leg, cseq, null);
        if (leg.isConfirmed()) {
            ctx.layer.sendRequest(ctx.requests.inDialog(leg, "BYE"), leg.peer, byeListener(), lane);
        }
        ctx.table.unindex(leg);
    }

    void ackNow(Leg leg, long cseq, SipMessage payloadFrom) {
        SipRequest ack = ctx.requests.ack(leg, cseq, payloadFrom);
        leg.ackedCseq = cseq;
        leg.unacked = null;
        leg.ackPayload = payloadFrom;
        ctx.sendAck(ack, leg.peer);
    }

    /** Lane: a retransmitted 2xx for {@code cseq}: the same ACK again, if that 2xx was ACKed. */
    void ackAgain(Leg leg, long cseq) {
        if (leg.ackedCseq == cseq && cseq >= 0) {
            ackNow(leg, cseq, leg.ackPayload);
        }
    }

    /** Lane: a non-2xx final response on a target leg (a 487 after our CANCEL included); null when we gave up on it. */
    void targetFailed(TargetLeg leg, SipResponse response) {
        ctx.table.unindex(leg);
        cancelSilence(leg);
        if (ended || source.answered || winner != null || !current.contains(leg)) {
            return; // a leg of an earlier attempt, cancelled when the plan moved on
        }
        List<Integer> statuses = new ArrayList<>(current.size());
        for (TargetLeg t : current) {
            if (!t.isFinal()) {
                return; // others may still answer
            }
            statuses.add(t.finalStatus);
        }
        Outcome outcome = Outcome.of(statuses);
        attemptFailed(failureOf(statuses), outcome.status(), outcome.reason());
    }

    /** How an attempt failed, for forwarding: all busy, all refused at once (do-not-disturb), or otherwise. */
    static CallPlan.Failure failureOf(List<Integer> statuses) {
        boolean busy = true;
        boolean dnd = true;
        for (int s : statuses) {
            busy &= s == 486 || s == 600;
            dnd &= s == 480 || s == 603;
        }
        return busy ? CallPlan.Failure.BUSY : dnd ? CallPlan.Failure.DND : CallPlan.Failure.OTHER;
    }

    /** Lane: the current attempt is over; ring what the plan says next, or give the caller the final answer. */
    private void attemptFailed(CallPlan.Failure failure, int status, String reason) {
        cancelTimer();
        CallPlan.Step next = plan.next(failure, status);
        if (next.refused()) {
            answerCaller(next.refusal());
            end(next.refusal() == status ? reason : "failed " + next.refusal());
            return;
        }
        ring(next.attempt());
    }

    /** Timer: nobody answered within the attempt's ring time (ring × cfna, or a group member's share). */
    private void noAnswer() {
        if (ended || source.answered) {
            return;
        }
        cancelTargets();
        for (TargetLeg t : current) {
            cancelSilence(t);
        }
        attemptFailed(CallPlan.Failure.NO_ANSWER, Outcome.NO_ANSWER.status(), Outcome.NO_ANSWER.reason());
    }

    private static void cancelSilence(TargetLeg leg) {
        if (leg.silence != null) {
            leg.silence.cancel();
            leg.silence = null;
        }
    }

    /** Lane: the caller's CANCEL (§9.2): 487 for the INVITE, CANCEL on every target leg. */
    void cancelledByCaller() {
        if (ended || source.answered) {
            return; // too late: the 2xx crossed the CANCEL; the caller will BYE
        }
        cancelTargets();
        answerCaller(487);
        end("cancelled");
    }

    private void cancelTargets() {
        for (TargetLeg t : targets) {
            if (!t.isFinal() && t.invite != null) {
                if (drain != null && !t.drained) {
                    t.drained = true;
                    drain.expect(); // settled by the fork's final response (487, or a 2xx that crossed)
                }
                t.invite.cancel();
            }
        }
    }

    /**
     * Lane: the server stops or restarts. As {@link #hangup} (BYE on both legs once
     * answered; 487 to the caller and CANCEL to every fork before), and {@code drain}
     * hears when the phones have answered.
     */
    void shutdown(String reason, CallDrain drain) {
        if (ended) {
            return;
        }
        this.drain = drain;
        hangup(null, reason);
    }

    /** Lane: a fork cancelled by {@link #shutdown} has its final response. */
    void forkSettled(TargetLeg leg) {
        if (leg.drained && drain != null) {
            leg.drained = false;
            drain.settle();
        }
    }

    private void answerCaller(int status) {
        if (!source.answered) {
            source.answered = true;
            callerStatus = status;
            source.invite.respond(status);
        }
    }

    /**
     * Lane: ends the call from the server's side or because one party hung up: BYE on
     * each confirmed leg other than {@code from}; before the answer, CANCEL/487 instead.
     */
    void hangup(Leg from, String reason) {
        if (ended) {
            return;
        }
        if (winner == null) {
            cancelTargets();
            answerCaller(487);
        } else {
            if (from != source) {
                bye(source);
            }
            if (from != winner) {
                bye(winner);
            }
        }
        end(reason);
    }

    private void bye(Leg leg) {
        if (leg.isConfirmed()) {
            ChallengeRetry.send(this, leg, ctx.requests.inDialog(leg, "BYE"), byeListener());
        }
    }

    /** The BYE's answer matters only while the server waits to close its sockets. */
    private ClientTransactionListener byeListener() {
        return drain == null ? ClientTransactionListener.IGNORE : drain.listener();
    }

    /** Frees the slot and the leg index; statistics and the listener hear of it once. */
    void end(String reason) {
        if (ended) {
            return;
        }
        state = CallState.CLOSING;
        CallSnapshot last = snapshot();
        ended = true;
        cancelTimer();
        if (probe != null) {
            probe.stop();
        }
        ctx.table.unindex(source);
        for (TargetLeg t : targets) {
            cancelSilence(t);
            ctx.table.unindex(t);
            if (t.invite != null && t.invite.state() == TransactionState.ACCEPTED) {
                AckReplay.takeOver(this, t); // so the lingering transaction does not keep this call alive
            }
        }
        ctx.table.release(this);
        if (counted) {
            ctx.callEnded(caller.id(), callee.id());
        }
        ctx.listener.dropped(last, reason);
        ctx.listener.ended(new CallDetail(id, caller.id(), callee.id(), dialled, started, answeredAt,
                ctx.clock.millis(), callerStatus, reason, source == null ? "" : source.peer.toString(),
                winner == null ? "" : winner.peer.toString()));
    }

    private void cancelTimer() {
        if (noAnswer != null) {
            noAnswer.cancel();
            noAnswer = null;
        }
    }

    /** The leg across from {@code leg} once answered; null before. */
    Leg other(Leg leg) {
        if (winner == null) {
            return null;
        }
        return leg == source ? winner : source;
    }

    static long cseqOf(SipMessage m) {
        try {
            return m.cseq().sequence();
        } catch (SipParseException e) {
            return -1;
        }
    }
}
