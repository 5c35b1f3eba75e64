package org.sipwitch.sip.gateway;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.transaction.KeyedExecutor;
import org.sipwitch.sip.transaction.Scheduler;
import org.sipwitch.sip.transaction.TransactionLayer;

/**
 * Keeps our account registered with a provider (RFC 3261 §10.2 as a UAC, the job of
 * Kamailio's {@code uac} module or Asterisk's {@code outbound_registration}): REGISTER
 * {@code sip:USER@DOMAIN} with our Contact, answer the 401/407 once per challenge,
 * refresh at half the granted lifetime, and after a failure try again with a doubling
 * back-off (2 s … 60 s).
 *
 * <p>When the daemon stops, or a reload removes the gateway or makes it another binding,
 * it takes the binding back ({@link #unregister}: Expires 0, the challenge answered), so
 * that the provider stops sending calls to a contact that no longer takes them for the
 * rest of the lifetime it granted. A REGISTER still unanswered at that moment may yet
 * make a binding: its answer is awaited, and a binding it made is taken back too.
 *
 * <p>Everything runs on one lane (the registration's Call-ID); the transaction layer's
 * Timer F (32 s) is too slow to notice a dead provider, so an attempt that hears nothing
 * for {@link #NO_RESPONSE_MILLIS} counts as failed and a later answer to it is ignored.
 */
public final class OutboundRegistration {
    static final long NO_RESPONSE_MILLIS = 4_000;
    private static final long FIRST_BACKOFF_MILLIS = 2_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    /** Replaced by {@link #adopt} on the lane; volatile for adopt's first read, from the reloading thread. */
    private volatile Gateway gateway;
    private final TransactionLayer layer;
    private final KeyedExecutor lanes;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Supplier<String> host;
    private final ToIntFunction<Transport> port;
    private final GatewayListener listener;
    private final String callId;
    private final String fromTag = Responses.newTag();
    private long cseq;
    /** Which attempt is current; answers to older ones are ignored. */
    private int attempt;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private Scheduler.Scheduled timer;
    private volatile boolean stopped;
    /** True from sending a REGISTER until its answer or its no-response timeout (lane only). */
    private boolean awaiting;
    /** An unregistration waiting for the answer to the REGISTER in flight (lane only). */
    private CompletableFuture<Void> leaving;

    public OutboundRegistration(Gateway gateway, TransactionLayer layer, KeyedExecutor lanes, Scheduler scheduler,
                                Clock clock, Supplier<String> host, ToIntFunction<Transport> port,
                                GatewayListener listener) {
        this.gateway = gateway;
        this.layer = layer;
        this.lanes = lanes;
        this.scheduler = scheduler;
        this.clock = clock;
        this.host = host;
        this.port = port;
        this.listener = listener;
        this.callId = "gw-" + Responses.newTag() + Responses.newTag();
    }

    public void start() {
        lanes.executeAlways(callId, () -> send(null, null));
    }

    /**
     * A reload brought {@code next}, a gateway with the same registration (registrar,
     * account, credentials, lifetime): this registration goes on for it, with no new
     * REGISTER, and its status moves over, so that {@code registry} does not show the
     * reload as a new attempt.
     */
    public void adopt(Gateway next) {
        next.status(gateway.status()); // at once: the server publishes next before this lane may have run
        lanes.executeAlways(callId, () -> {
            next.status(gateway.status()); // what this lane learnt meanwhile
            gateway = next;
        });
    }

    /**
     * Stops refreshing without taking the binding back: a reload made another registration
     * of the same binding, whose REGISTER replaces it.
     */
    public void stop() {
        stopped = true;
        lanes.executeAlways(callId, this::cancelTimer);
    }

    /**
     * Stops refreshing and, when the provider holds our binding, removes it (REGISTER with
     * Expires 0, answering one challenge). Completes when the provider answered (or the
     * transaction gave up), at once when there was nothing to remove; the caller bounds
     * its wait, as a stopping daemon cannot wait for a provider that says nothing.
     */
    public CompletableFuture<Void> unregister() {
        stopped = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lanes.executeAlways(callId, () -> {
            if (gateway.status().state().equals(GatewayStatus.REGISTERED)) {
                cancelTimer();
                sendUnregister(null, done);
            } else if (awaiting) {
                leaving = done; // its answer may make a binding: settled in onLateAnswer or by the no-response timer
            } else {
                cancelTimer();
                done.complete(null);
            }
        });
        return done;
    }

    /**
     * The answer to the REGISTER that was in flight when we were told to unregister: a
     * binding it made is taken back at once, anything else leaves nothing to remove.
     */
    private void onLateAnswer(SipResponse response) {
        CompletableFuture<Void> done = leaving;
        leaving = null;
        cancelTimer();
        if (response.isSuccess() && granted(response) > 0) {
            sendUnregister(null, done);
        } else {
            done.complete(null);
        }
    }

    private void sendUnregister(SipResponse challenge, CompletableFuture<Void> done) {
        SipRequest r = register(0);
        if (challenge != null && !authorize(r, challenge)) {
            done.complete(null);
            return;
        }
        layer.sendRequest(r, gateway.proxy(), (tx, response) -> {
            if (challenge == null && DigestAnswer.isChallenge(response)) {
                sendUnregister(response, done);
                return;
            }
            done.complete(null);
        }, callId);
    }

    /** The Contact we register: the calls the provider sends us come to it (and are known as the gateway's by it). */
    String contact() {
        Transport t = gateway.proxy().transport();
        return "<sip:" + gateway.user() + "@" + host.get() + ":" + port.applyAsInt(t)
                + (t == Transport.UDP ? "" : ";transport=" + t.param()) + ">";
    }

    private void send(SipResponse challenge, SipRequest previous) {
        if (stopped) {
            return;
        }
        cancelTimer();
        int mine = ++attempt;
        SipRequest r = register(gateway.registerSeconds());
        if (challenge != null && !authorize(r, challenge)) {
            failed(challenge.status() + " challenge cannot be answered (no Digest or unsupported algorithm)");
            return;
        }
        boolean answered = challenge != null;
        awaiting = true;
        layer.sendRequest(r, gateway.proxy(), (tx, response) -> {
            if (mine != attempt) {
                return;
            }
            awaiting = false;
            if (leaving != null) {
                onLateAnswer(response);
            } else if (!stopped) {
                onResponse(response, answered, r);
            }
        }, callId);
        timer = scheduler.schedule(NO_RESPONSE_MILLIS, () -> lanes.executeAlways(callId, () -> {
            if (mine != attempt) {
                return;
            }
            attempt++; // whatever comes later for this one is stale
            awaiting = false;
            if (leaving != null) {
                leaving.complete(null); // the provider said nothing: it holds nothing we know of
                leaving = null;
            } else if (!stopped) {
                failed("408 no response from " + gateway.proxy());
            }
        }));
    }

    /** A REGISTER of our account and contact for {@code expires} seconds, the next CSeq of our Call-ID. */
    private SipRequest register(int expires) {
        Transport t = gateway.proxy().transport();
        SipRequest r = new SipRequest("REGISTER", org.sipwitch.sip.message.SipUri.sip(null, gateway.domain(), -1));
        r.addHeader(HeaderNames.VIA, "SIP/2.0/" + t.token() + " " + host.get() + ":" + port.applyAsInt(t)
                + ";branch=" + Responses.newBranch() + ";rport");
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        NameAddress account = new NameAddress(null, gateway.account(), null);
        r.addHeader(HeaderNames.FROM, account.withParam("tag", fromTag).toString());
        r.addHeader(HeaderNames.TO, account.toString());
        r.addHeader(HeaderNames.CALL_ID, callId);
        r.addHeader(HeaderNames.CSEQ, (++cseq) + " REGISTER");
        r.addHeader(HeaderNames.CONTACT, contact());
        r.addHeader(HeaderNames.EXPIRES, Integer.toString(expires));
        r.addHeader(HeaderNames.USER_AGENT, "sipwitch-jvm");
        return r;
    }

    /** Adds our answer to {@code challenge}; false when it cannot be answered (no Digest, an unknown algorithm). */
    private boolean authorize(SipRequest r, SipResponse challenge) {
        var answer = gateway.credentials().answer(challenge, r);
        answer.ifPresent(a -> r.addHeader(a.name(), a.value()));
        return answer.isPresent();
    }

    private void onResponse(SipResponse response, boolean answeredChallenge, SipRequest sent) {
        cancelTimer();
        int status = response.status();
        if (DigestAnswer.isChallenge(response)) {
            if (answeredChallenge && !isStale(response)) {
                failed(status + " credentials refused by the provider");
            } else {
                send(response, sent);
            }
            return;
        }
        if (response.isSuccess()) {
            long granted = granted(response);
            if (granted <= 0) {
                failed(status + " provider kept no binding for our contact");
                return;
            }
            boolean wasUp = gateway.status().state().equals(GatewayStatus.REGISTERED);
            gateway.status(new GatewayStatus(GatewayStatus.REGISTERED, "", clock.millis() + granted * 1000));
            backoff = FIRST_BACKOFF_MILLIS;
            if (!wasUp) {
                listener.up(gateway.id(), "registered as " + gateway.account() + " for " + granted + " s");
            }
            schedule(Math.max(1_000, granted * 1000 / 2));
            return;
        }
        if (status == 423) {
            failed("423 interval too brief: raise <register>"); // the provider wants longer than we ask
            return;
        }
        failed(status + " " + response.reason());
    }

    private static boolean isStale(SipResponse response) {
        String h = response.header(response.status() == 407 ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE);
        var p = ChallengeParams.parse(h);
        return p != null && "true".equalsIgnoreCase(p.get("stale"));
    }

    /** The lifetime the provider granted our contact: its expires param, else Expires, else what we asked. */
    private long granted(SipResponse response) {
        String ours = contact();
        try {
            List<NameAddress> contacts = response.contacts();
            for (NameAddress c : contacts) {
                if (("<" + c.uri() + ">").equalsIgnoreCase(ours) || c.uri().toString().equalsIgnoreCase(
                        ours.substring(1, ours.length() - 1))) {
                    String e = c.param("expires");
                    if (e != null) {
                        return Long.parseLong(e.strip());
                    }
                }
            }
            if (response.header(HeaderNames.EXPIRES) != null) {
                return response.expires();
            }
        } catch (SipParseException | NumberFormatException e) {
            // fall through: believe what we asked
        }
        return gateway.registerSeconds();
    }

    private void failed(String reason) {
        boolean wasFailed = gateway.status().state().equals(GatewayStatus.FAILED);
        gateway.status(new GatewayStatus(GatewayStatus.FAILED, reason, 0));
        if (!wasFailed) {
            listener.down(gateway.id(), reason); // once per outage, not once per retry
        }
        schedule(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }

    private void schedule(long delayMillis) {
        cancelTimer();
        if (!stopped) {
            timer = scheduler.schedule(delayMillis, () -> lanes.executeAlways(callId, () -> send(null, null)));
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
