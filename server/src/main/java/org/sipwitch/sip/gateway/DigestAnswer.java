package org.sipwitch.sip.gateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.digest.DigestComputer;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

/**
 * Answers a provider's digest challenge with our account's credentials (RFC 3261 §22.2,
 * RFC 2617/7616 client side): {@code 401} → {@code Authorization}, {@code 407} →
 * {@code Proxy-Authorization}, qop=auth with a fresh cnonce, MD5 or SHA-256 as asked.
 *
 * <p>The HA1 comes from a function of (realm, algorithm) that the server builds from the
 * gateway's {@code <secret>} or {@code <digest>}; this class keeps no secret of its own and
 * its {@code toString()} shows only the user name.
 */
public final class DigestAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A header to add to the retried request. */
    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": Digest (" + value.length() + " characters)"; // never the value: it proves the account
        }
    }

    private final String user;
    private final BiFunction<String, DigestAlgorithm, Optional<String>> ha1;

    public DigestAnswer(String user, BiFunction<String, DigestAlgorithm, Optional<String>> ha1) {
        this.user = user;
        this.ha1 = ha1;
    }

    public String user() {
        return user;
    }

    /**
     * The header answering {@code challenge} (a 401 or 407) for {@code request}, or empty
     * when the challenge cannot be answered (no Digest, an unknown algorithm, no HA1 for
     * that realm).
     */
    public Optional<Header> answer(SipResponse challenge, SipRequest request) {
        boolean proxy = challenge.status() == 407;
        String header = challenge.header(proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE);
        Map<String, String> p = ChallengeParams.parse(header);
        if (p == null || p.get("realm") == null || p.get("nonce") == null) {
            return Optional.empty();
        }
        DigestAlgorithm algorithm;
        try {
            algorithm = p.containsKey("algorithm") ? DigestAlgorithm.fromToken(p.get("algorithm")) : DigestAlgorithm.MD5;
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (algorithm == null) {
            return Optional.empty();
        }
        Optional<String> key = ha1.apply(p.get("realm"), algorithm);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String uri = request.uri().toString();
        String qop = null;
        if (p.containsKey("qop")) {
            for (String option : p.get("qop").split(",")) {
                if (option.strip().toLowerCase(Locale.ROOT).equals("auth")) {
                    qop = "auth";
                }
            }
            if (qop == null) {
                return Optional.empty(); // auth-int only: we do not hash bodies
            }
        }
        String nc = "00000001";
        byte[] raw = new byte[12];
        RANDOM.nextBytes(raw);
        String cnonce = HexFormat.of().formatHex(raw);
        byte[] response = DigestComputer.forThread().response(algorithm, key.get(), request.method(), uri,
                p.get("nonce"), nc, cnonce, qop);
        String hex = new String(response, 0, algorithm.hexLength(), StandardCharsets.US_ASCII);
        StringBuilder b = new StringBuilder(256).append("Digest username=\"").append(user)
                .append("\", realm=\"").append(p.get("realm"))
                .append("\", nonce=\"").append(p.get("nonce"))
                .append("\", uri=\"").append(uri)
                .append("\", response=\"").append(hex).append('"');
        if (p.containsKey("algorithm")) {
            b.append(", algorithm=").append(algorithm.token());
        }
        if (p.containsKey("opaque")) {
            b.append(", opaque=\"").append(p.get("opaque")).append('"');
        }
        if (qop != null) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        return Optional.of(new Header(proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION,
                b.toString()));
    }

    /** True for the statuses this class answers. */
    public static boolean isChallenge(SipResponse response) {
        return response.status() == 401 || response.status() == 407;
    }

    @Override
    public String toString() {
        return "DigestAnswer[user=" + user + "]";
    }
}
