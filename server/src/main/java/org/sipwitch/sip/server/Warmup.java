package org.sipwitch.sip.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.Registrar;
import org.sipwitch.sip.registrar.RegistrarConfig;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.AccessLists;
import org.sipwitch.sip.security.GuardLimits;
import org.sipwitch.sip.security.SecuritySettings;
import org.sipwitch.sip.security.TimeSource;
import org.sipwitch.sip.transaction.KeyedExecutor;
import org.sipwitch.sip.transaction.Scheduler;
import org.sipwitch.sip.transaction.TransactionLayer;
import org.sipwitch.sip.transaction.TransactionSettings;
import org.sipwitch.sip.transport.MessageSender;

/**
 * Runs the REGISTER path before the server says {@code ready}, so that its first phones
 * meet compiled code: a JVM that has just started interprets, and a daemon restarted
 * into a registration avalanche (every phone re-registering at once) would otherwise
 * spend its first seconds compiling while the requests queue.
 *
 * <p>Real classes, throwaway instances: a parser, an access gate, a transaction layer on
 * the calling thread, the registrar with digest authentication and its own in-memory
 * location service, one made-up user, and a sender that encodes each response into a
 * pooled buffer and lets it go. Nothing here touches the server's tables, counters,
 * sockets or journal, and nothing leaves the process. Bounded by a count and a time.
 */
final class Warmup {
    private static final String USER = "warmup";
    private static final String REALM = "warmup.invalid";
    private static final String PASSWORD = "warmup";
    private static final Peer PHONE = new Peer(Transport.UDP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final Scheduler NO_TIMERS = (delay, task) -> () -> { };

    /** What a warm-up did: flows completed (401 then 200) and the time it took. */
    record Result(int flows, long millis) {
    }

    private final SipParser parser = new SipParser(SipLimits.defaults());
    private final String ha1;
    private SipResponse last;

    private Warmup() {
        ha1 = md5(USER + ":" + REALM + ":" + PASSWORD);
    }

    /** Runs REGISTER flows until {@code maxFlows} or {@code maxMillis} have passed; never throws. */
    static Result run(int maxFlows, long maxMillis) {
        long start = System.nanoTime();
        int flows = 0;
        try {
            Warmup w = new Warmup();
            Flow flow = w.assemble();
            long deadline = start + maxMillis * 1_000_000L;
            while (flows < maxFlows && System.nanoTime() < deadline) {
                if (!w.flow(flow, flows)) {
                    break;
                }
                flows++;
            }
        } catch (RuntimeException | SipParseException e) {
            // a warm-up that fails leaves a slower first second, never a daemon that does not start
        }
        return new Result(flows, (System.nanoTime() - start) / 1_000_000L);
    }

    private record Flow(GatedInbound inbound) {
    }

    private Flow assemble() {
        Clock clock = Clock.systemUTC();
        DigestAuthenticator auth = new DigestAuthenticator(DigestSettings.of(REALM, DigestAlgorithm.MD5),
                (u, r, a) -> USER.equals(u) ? Optional.of(ha1) : Optional.empty(), clock);
        Registrar registrar = new Registrar(new RegistrarConfig(60, 7200, 3600, 10, 404), auth,
                name -> USER.equals(name) ? Optional.of(new UserIdentity(USER, null, "")) : Optional.empty(),
                new InMemoryLocationService(clock, 10), clock);
        RequestRouter router = new RequestRouter();
        router.handle("REGISTER", new RegisterHandler(registrar));
        MessageSender sender = (message, to) -> {
            ByteBuf wire = SipEncoder.encode(message, PooledByteBufAllocator.DEFAULT);
            wire.release();
            if (message instanceof SipResponse r) {
                last = r;
            }
            return CompletableFuture.completedFuture(null);
        };
        TransactionLayer layer = new TransactionLayer(sender, router, KeyedExecutor.sameThread(), NO_TIMERS,
                TransactionSettings.defaults());
        AccessGate gate = AccessGate.of(AccessLists.open(),
                new SecuritySettings(10, 60, 0, SecuritySettings.BlockAction.DROP, 0, 1, 1_000_000, 0, 5),
                GuardLimits.defaults(), TimeSource.SYSTEM);
        return new Flow(new GatedInbound(gate, layer::onMessage, sender));
    }

    /** REGISTER → 401 → REGISTER with credentials → 200; false if the path did not answer as a phone expects. */
    private boolean flow(Flow flow, int n) throws SipParseException {
        last = null;
        flow.inbound.onMessage(inbound(register(n, 1, null)));
        if (last == null || last.status() != 401) {
            return false;
        }
        String www = last.header(HeaderNames.WWW_AUTHENTICATE);
        int from = www.indexOf("nonce=\"") + 7;
        String nonce = www.substring(from, www.indexOf('"', from));
        String uri = "sip:" + REALM;
        String response = md5(ha1 + ":" + nonce + ":00000001:c" + n + ":auth:" + md5("REGISTER:" + uri));
        String authorization = "Digest username=\"" + USER + "\", realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"c" + n
                + "\", qop=auth, nc=00000001";
        last = null;
        flow.inbound.onMessage(inbound(register(n, 2, authorization)));
        return last != null && last.status() == 200;
    }

    private InboundMessage inbound(String text) throws SipParseException {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(text.length());
        try {
            buf.writeCharSequence(text, StandardCharsets.US_ASCII);
            SipMessage m = parser.parse(buf);
            return new InboundMessage(m, PHONE, LOCAL);
        } finally {
            buf.release();
        }
    }

    private static String register(int n, int cseq, String authorization) {
        return "REGISTER sip:" + REALM + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-warm-" + n + "-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + USER + "@" + REALM + ">;tag=w" + n + "\r\n"
                + "To: <sip:" + USER + "@" + REALM + ">\r\n"
                + "Call-ID: warm-" + n + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + USER + "@127.0.0.1:9>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 3600\r\n"
                + "User-Agent: sipwitch warm-up\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
