package org.sipwitch.sip.cluster;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;

/**
 * The proof that a request comes from a node of the cluster: an {@code X-Sipwitch-Node}
 * header {@code <node>;ts=<epoch millis>;sig=<hex>} whose signature is HMAC-SHA256 under
 * the shared secret over the node, the time, the method, the Request-URI and the Call-ID.
 * A phone cannot make one without the secret; one copied off the wire is good only for
 * that request and for {@link #WINDOW_MILLIS}.
 */
public final class NodeProof {
    public static final String HEADER = "X-Sipwitch-Node";
    /** How far the signing node's clock may be from ours, and how long a proof can be replayed. */
    static final long WINDOW_MILLIS = 60_000;

    private final String node;
    private final SecretKeySpec key;
    private final Clock clock;

    public NodeProof(String node, byte[] secret, Clock clock) {
        this.node = node;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
    }

    public void sign(SipRequest request) {
        long ts = clock.millis();
        request.headers().remove(HEADER);
        request.addHeader(HEADER, node + ";ts=" + ts + ";sig=" + mac(node, ts, request));
    }

    /** The name of the node that signed the request, or null when it carries no valid proof (or it is our own). */
    public String signer(SipRequest request) {
        String value = request.header(HEADER);
        if (value == null) {
            return null;
        }
        String[] parts = value.split(";");
        if (parts.length != 3 || !parts[1].startsWith("ts=") || !parts[2].startsWith("sig=")) {
            return null;
        }
        String signer = parts[0].strip();
        long ts;
        try {
            ts = Long.parseLong(parts[1].substring(3));
        } catch (NumberFormatException e) {
            return null;
        }
        if (Math.abs(clock.millis() - ts) > WINDOW_MILLIS || signer.isEmpty() || signer.equals(node)) {
            return null;
        }
        byte[] expected = mac(signer, ts, request).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[2].substring(4).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? signer : null;
    }

    private String mac(String signer, long ts, SipRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String text = signer + '\n' + ts + '\n' + request.method() + '\n' + request.uri() + '\n'
                    + request.header(HeaderNames.CALL_ID);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
