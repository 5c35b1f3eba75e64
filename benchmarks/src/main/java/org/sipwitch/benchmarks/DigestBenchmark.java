package org.sipwitch.benchmarks;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.AuthResult;
import org.sipwitch.sip.auth.CredentialSource;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.codec.SipLimits;
import org.sipwitch.sip.codec.SipParser;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * Digest checks per second: {@link DigestAuthenticator#authenticate} on a parsed REGISTER
 * whose {@code Authorization} answers a nonce the authenticator issued (MD5, qop=auth):
 * credentials parsing, nonce MAC and age check, HA1 lookup, the response hash, the
 * constant-time compare and the nonce-count replay check.
 *
 * <p>The same request is checked over and over, so after the first call the replay check
 * (which runs last, after all the hashing) answers STALE: the work per call is the full
 * verification either way. {@code storedHa1} is a user whose HA1 is known (a stored
 * {@code <digest>}, or a {@code <secret>} with the daemon's HA1 cache); {@code plainSecret}
 * recomputes the HA1 from the password on every check, as the daemon did before the cache.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar DigestBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DigestBenchmark {
    private static final String REALM = "bench";
    private static final String USER = "1000";
    private static final String PASSWORD = "pw1000";
    private static final Peer PHONE = new Peer(Transport.UDP, new InetSocketAddress("127.0.0.1", 5062));

    private DigestAuthenticator stored;
    private DigestAuthenticator plain;
    private SipRequest forStored;
    private SipRequest forPlain;

    @Setup
    public void setup() throws Exception {
        String ha1 = md5(USER + ":" + REALM + ":" + PASSWORD);
        CredentialSource known = (u, r, a) -> USER.equals(u) ? Optional.of(ha1) : Optional.empty();
        CredentialSource hashing = (u, r, a) -> USER.equals(u) ? Optional.of(a.ha1(u, r, PASSWORD.toCharArray()))
                : Optional.empty();
        stored = new DigestAuthenticator(DigestSettings.of(REALM, DigestAlgorithm.MD5), known, Clock.systemUTC());
        plain = new DigestAuthenticator(DigestSettings.of(REALM, DigestAlgorithm.MD5), hashing, Clock.systemUTC());
        forStored = answered(stored, ha1);
        forPlain = answered(plain, ha1);
        if (!stored.authenticate(forStored, PHONE).isAuthenticated() || !plain.authenticate(forPlain, PHONE).isAuthenticated()) {
            throw new IllegalStateException("the precomputed Authorization does not authenticate");
        }
    }

    /** A REGISTER carrying the right answer to a challenge of {@code auth}. */
    private static SipRequest answered(DigestAuthenticator auth, String ha1) throws Exception {
        SipParser parser = new SipParser(SipLimits.defaults());
        SipRequest first = (SipRequest) parser.parse(register(null).getBytes(StandardCharsets.US_ASCII));
        SipResponse challenge = auth.challenge(first, false, PHONE);
        String www = challenge.header(HeaderNames.WWW_AUTHENTICATE);
        int from = www.indexOf("nonce=\"") + 7;
        String nonce = www.substring(from, www.indexOf('"', from));
        String uri = "sip:127.0.0.1:5070";
        String ha2 = md5("REGISTER:" + uri);
        String response = md5(ha1 + ":" + nonce + ":00000001:0a4f113b:auth:" + ha2);
        String authorization = "Digest username=\"" + USER + "\", realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"0a4f113b\", "
                + "qop=auth, nc=00000001";
        return (SipRequest) parser.parse(register(authorization).getBytes(StandardCharsets.US_ASCII));
    }

    private static String register(String authorization) {
        return "REGISTER sip:127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1-2-3\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1000@127.0.0.1>;tag=1R1\r\n"
                + "To: <sip:1000@127.0.0.1>\r\n"
                + "Call-ID: 1-2@127.0.0.1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:1000@127.0.0.1:5062>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 3600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Benchmark
    public AuthResult storedHa1() {
        return stored.authenticate(forStored, PHONE);
    }

    @Benchmark
    public AuthResult plainSecret() {
        return plain.authenticate(forPlain, PHONE);
    }
}
