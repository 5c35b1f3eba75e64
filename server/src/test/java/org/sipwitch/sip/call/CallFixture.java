package org.sipwitch.sip.call;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.TestDirectory;
import org.sipwitch.sip.transaction.KeyedExecutor;
import org.sipwitch.sip.transaction.ServerTransaction;
import org.sipwitch.sip.transaction.TransactionLayer;
import org.sipwitch.sip.transaction.TransactionSettings;
import org.sipwitch.sip.transaction.TransactionUser;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.testing.ManualTimers;

/**
 * The call engine on a real transaction layer, with a manual clock, a same-thread
 * executor and a sender that records what would go on the wire. Phones are peers
 * whose messages the test builds and feeds in.
 */
final class CallFixture implements MessageSender, TransactionUser {
    static final String REALM = "example.net";
    static final InetSocketAddress LOCAL = new InetSocketAddress("10.0.0.1", 5060);
    static final Peer ALICE = udp("192.0.2.10");
    static final Peer BOB1 = udp("192.0.2.20");
    static final Peer BOB2 = udp("192.0.2.21");
    static final Peer STRANGER = udp("198.51.100.7");
    static final String SDP_A = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n";
    static final String SDP_B = "v=0\r\no=bob 7 7 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
            + "m=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n";

    record Sent(SipMessage message, Peer to) {
    }

    final ManualTimers timers = new ManualTimers();
    final List<Sent> sent = new ArrayList<>();
    final TestDirectory directory = TestDirectory.standard().add("carol", "203", "carol-secret");
    final InMemoryLocationService location = new InMemoryLocationService(timers, 10);
    final DigestAuthenticator auth = new DigestAuthenticator(DigestSettings.of(REALM, DigestAlgorithm.MD5), directory,
            timers);
    final TransactionLayer layer;
    final CallEngine engine;
    final List<String> events = new ArrayList<>();
    /** Peers whose sends fail, as a closed connection's would. */
    final java.util.Set<Peer> unreachable = new java.util.HashSet<>();
    private int counter;

    CallFixture() {
        this(8);
    }

    CallFixture(int slots) {
        this(slots, null);
    }

    /** With a dial plan (rules, gateways), as the server fills it from the config; null = the engine's own users. */
    CallFixture(int slots, org.sipwitch.sip.routing.RoutingSettings routing) {
        CallSettings settings = new CallSettings(8_000, a -> a.getHostAddress().startsWith("192.0.2."),
                CallSettings.DEFAULT_PROBE_MILLIS, routing, "up");
        engine = new CallEngine(this, KeyedExecutor.sameThread(), timers, timers, LocalAddress.fixed("10.0.0.1", 5060),
                auth, directory, location, () -> settings, slots);
        layer = new TransactionLayer(this, this, KeyedExecutor.sameThread(), timers, TransactionSettings.defaults());
        engine.attach(layer);
        engine.setListener(new CallListener() {
            @Override
            public void connecting(org.sipwitch.sip.call.CallSnapshot call) {
                events.add("connecting " + call.id());
            }

            @Override
            public void connected(org.sipwitch.sip.call.CallSnapshot call) {
                events.add("connected " + call.id());
            }

            @Override
            public void dropped(org.sipwitch.sip.call.CallSnapshot call, String reason) {
                events.add("dropped " + call.id() + " " + reason);
            }
        });
    }

    static Peer udp(String ip) {
        return new Peer(Transport.UDP, new InetSocketAddress(ip, 5062));
    }

    /** A binding as the registrar would make it. */
    void register(String user, String ext, Peer phone) {
        String contact = "sip:" + user + "@" + phone.address().getAddress().getHostAddress() + ":5062";
        location.put(new Binding(user, ext, contact, phone, "reg-" + user, 1, timers.millis() + 3_600_000,
                Binding.NO_Q, "test", null, timers.millis(), false));
    }

    // ---- TransactionUser: what the method router does for calls ----

    @Override
    public void onRequest(ServerTransaction tx) {
        if (!engine.onRequest(tx)) {
            tx.respond(405);
        }
    }

    @Override
    public void onAck(InboundMessage ack) {
        engine.onAck(ack);
    }

    @Override
    public void onStrayResponse(InboundMessage response) {
        engine.onStrayResponse(response);
    }

    @Override
    public void onAckNotResent(Peer to, Throwable cause) {
        engine.onAckNotResent(to, cause);
    }

    // ---- MessageSender: the wire ----

    @Override
    public synchronized CompletableFuture<Void> send(SipMessage message, Peer to) {
        if (unreachable.contains(to)) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
        }
        sent.add(new Sent(message, to));
        return CompletableFuture.completedFuture(null);
    }

    // ---- phones ----

    void receive(Peer from, SipMessage m) {
        layer.onMessage(new InboundMessage(m, from, LOCAL));
    }

    /** A request from a phone, outside any dialog. */
    SipRequest request(String method, Peer from, String fromUser, String toUri, String callId, long cseq) {
        try {
            SipRequest r = new SipRequest(method, SipUri.parse(toUri));
            String host = from.address().getAddress().getHostAddress();
            r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP " + host + ":5062;branch=" + Responses.newBranch() + ";rport");
            r.addHeader(HeaderNames.MAX_FORWARDS, "70");
            r.addHeader(HeaderNames.FROM, "\"" + fromUser + "\" <sip:" + fromUser + "@" + REALM + ">;tag=f" + (++counter));
            r.addHeader(HeaderNames.TO, "<" + toUri + ">");
            r.addHeader(HeaderNames.CALL_ID, callId);
            r.addHeader(HeaderNames.CSEQ, cseq + " " + method);
            r.addHeader(HeaderNames.CONTACT, "<sip:" + fromUser + "@" + host + ":5062>");
            return r;
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    SipRequest invite(String toUri, String callId, String sdp) {
        SipRequest r = request("INVITE", ALICE, "alice", toUri, callId, 1);
        if (sdp != null) {
            r.setBody(sdp.getBytes(StandardCharsets.UTF_8), "application/sdp");
        }
        return r;
    }

    /** A request inside the dialog a response established, as the phone that got the response would send it. */
    SipRequest inDialog(String method, Peer from, SipRequest original, SipResponse established, long cseq) {
        SipRequest r = new SipRequest(method, contactOf(established));
        String host = from.address().getAddress().getHostAddress();
        r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP " + host + ":5062;branch=" + Responses.newBranch() + ";rport");
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, established.header(HeaderNames.FROM));
        r.addHeader(HeaderNames.TO, established.header(HeaderNames.TO));
        r.addHeader(HeaderNames.CALL_ID, original.callId());
        r.addHeader(HeaderNames.CSEQ, cseq + " " + method);
        return r;
    }

    /** A request from the callee's side of a dialog we opened toward it: From/To swapped. */
    SipRequest fromCallee(String method, Peer from, SipRequest ourInvite, SipResponse itsAnswer, long cseq) {
        SipRequest r = new SipRequest(method, contactOfRequest(ourInvite));
        String host = from.address().getAddress().getHostAddress();
        r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP " + host + ":5062;branch=" + Responses.newBranch() + ";rport");
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, itsAnswer.header(HeaderNames.TO));
        r.addHeader(HeaderNames.TO, ourInvite.header(HeaderNames.FROM));
        r.addHeader(HeaderNames.CALL_ID, ourInvite.callId());
        r.addHeader(HeaderNames.CSEQ, cseq + " " + method);
        return r;
    }

    private static SipUri contactOf(SipMessage m) {
        try {
            return m.contacts().get(0).uri();
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    private static SipUri contactOfRequest(SipRequest r) {
        return contactOf(r);
    }

    /** The ACK a caller sends for a 2xx (§13.2.2.4). */
    SipRequest ackFor(SipRequest invite, SipResponse ok) {
        SipRequest ack = inDialog("ACK", ALICE, invite, ok, CallSession.cseqOf(invite));
        return ack;
    }

    /** A phone's answer to a request the server sent it. */
    SipResponse answer(SipRequest request, int status, String toTag, String sdp) {
        SipResponse r = Responses.create(request, status);
        if (toTag != null) {
            Responses.ensureToTag(r, toTag);
        }
        if (status >= 180 && status < 300 && request.isMethod("INVITE")) {
            r.addHeader(HeaderNames.CONTACT, "<" + request.uri() + ">");
        }
        if (sdp != null) {
            r.setBody(sdp.getBytes(StandardCharsets.UTF_8), "application/sdp");
        }
        return r;
    }

    // ---- what went on the wire ----

    synchronized List<SipRequest> requests(Peer to, String method) {
        List<SipRequest> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.to().equals(to) && s.message() instanceof SipRequest r && r.isMethod(method)) {
                out.add(r);
            }
        }
        return out;
    }

    SipRequest request(Peer to, String method) {
        List<SipRequest> list = requests(to, method);
        if (list.isEmpty()) {
            throw new AssertionError("no " + method + " sent to " + to + "; sent: " + sent);
        }
        return list.get(list.size() - 1);
    }

    synchronized List<SipResponse> responses(Peer to, Predicate<SipResponse> p) {
        List<SipResponse> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.to().equals(to) && s.message() instanceof SipResponse r && p.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Final (or given-status) responses to a peer for a method. */
    List<SipResponse> responses(Peer to, int status, String method) {
        return responses(to, r -> r.status() == status && cseqMethod(r).equals(method));
    }

    SipResponse response(Peer to, int status, String method) {
        List<SipResponse> list = responses(to, status, method);
        if (list.isEmpty()) {
            throw new AssertionError("no " + status + " for " + method + " sent to " + to + "; sent: " + sent);
        }
        return list.get(list.size() - 1);
    }

    static String cseqMethod(SipMessage m) {
        try {
            return m.cseq().method();
        } catch (SipParseException e) {
            return "";
        }
    }

    static String body(SipMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }
}
