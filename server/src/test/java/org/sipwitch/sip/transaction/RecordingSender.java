package org.sipwitch.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.testing.ManualTimers;

/** The transport boundary, faked: records what would have gone on the wire, with the clock time. */
final class RecordingSender implements MessageSender {
    record Sent(SipMessage message, Peer to, long at) {
        SipResponse response() {
            return (SipResponse) message;
        }

        SipRequest request() {
            return (SipRequest) message;
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ManualTimers clock;
    private volatile boolean failing;
    private volatile Consumer<SipMessage> peer = m -> { };

    RecordingSender(ManualTimers clock) {
        this.clock = clock;
    }

    /** What the other side does the moment a message reaches it (e.g. resend at once); none by default. */
    void onSend(Consumer<SipMessage> peer) {
        this.peer = peer;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Peer to) {
        synchronized (this) {
            sent.add(new Sent(message, to, clock == null ? 0 : clock.now()));
        }
        peer.accept(message);
        return failing ? CompletableFuture.failedFuture(new java.io.IOException("connection refused"))
                : CompletableFuture.completedFuture(null);
    }

    void failSends(boolean fail) {
        failing = fail;
    }

    synchronized List<Sent> all() {
        return new ArrayList<>(sent);
    }

    synchronized List<Sent> matching(Predicate<SipMessage> p) {
        return sent.stream().filter(s -> p.test(s.message())).toList();
    }

    List<Sent> responses(int status) {
        return matching(m -> m instanceof SipResponse r && r.status() == status);
    }

    List<Sent> requests(String method) {
        return matching(m -> m instanceof SipRequest r && r.isMethod(method));
    }

    /** Clock times at which the given requests or responses were sent. */
    static List<Long> times(List<Sent> list) {
        return list.stream().map(Sent::at).toList();
    }

    synchronized void clear() {
        sent.clear();
    }
}
