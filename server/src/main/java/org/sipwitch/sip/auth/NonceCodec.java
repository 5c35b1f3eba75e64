package org.sipwitch.sip.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 7616 §5.5 suggests exactly this): the nonce carries the
 * time it was issued and an HMAC-SHA256 over that time, the realm and (optionally)
 * the client's IP address, keyed by a random per-process key. Validating needs no
 * table, so a REGISTER flood cannot fill one; a forged, foreign-realm or
 * other-address nonce fails the MAC. Rotating the key invalidates every
 * outstanding nonce at once (used when the realm changes).
 *
 * <p>Layout: base64url(issuedAtMillis[8] || salt[4] || HMAC[0..12)), 32 characters.
 * The salt makes two challenges in the same millisecond to the same address
 * different (two phones behind one NAT must not share a nonce-count sequence);
 * a 96-bit truncated HMAC-SHA256 is ample for a nonce that lives minutes.
 */
final class NonceCodec {
    static final long INVALID = Long.MIN_VALUE;
    private static final int SALT_BYTES = 4;
    private static final int MAC_BYTES = 12;
    private static final int RAW_BYTES = 8 + SALT_BYTES + MAC_BYTES;
    private static final int ENCODED_LENGTH = 32;
    /** A nonce "from the future" beyond this clock skew is forged or from a bad clock. */
    private static final long MAX_FUTURE_SKEW_MILLIS = 5_000;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The key and the Mac initialised with it, per thread: Mac.getInstance/init are too slow per request. */
    private static final class ThreadMac {
        Mac mac;
        byte[] key;
    }

    private final ThreadLocal<ThreadMac> perThread = ThreadLocal.withInitial(ThreadMac::new);
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    NonceCodec() {
        rotateKey();
    }

    /** A new random key: every nonce issued before is invalid from now on. */
    void rotateKey() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        key = k;
    }

    String issue(long nowMillis, String realm, InetAddress source) {
        byte[] raw = new byte[RAW_BYTES];
        putLong(raw, nowMillis);
        int salt = java.util.concurrent.ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < SALT_BYTES; i++) {
            raw[8 + i] = (byte) (salt >>> (8 * i));
        }
        byte[] mac = mac(raw, realm, source);
        System.arraycopy(mac, 0, raw, 8 + SALT_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(raw);
    }

    /** The issue time of a nonce we made for this realm and source, or {@link #INVALID}. */
    long verify(String nonce, long nowMillis, String realm, InetAddress source) {
        if (nonce == null || nonce.length() != ENCODED_LENGTH) {
            return INVALID;
        }
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return INVALID;
        }
        if (raw.length != RAW_BYTES) {
            return INVALID;
        }
        long issued = getLong(raw);
        if (issued > nowMillis + MAX_FUTURE_SKEW_MILLIS) {
            return INVALID;
        }
        byte[] expected = mac(raw, realm, source);
        byte[] got = new byte[MAC_BYTES];
        System.arraycopy(raw, 8 + SALT_BYTES, got, 0, MAC_BYTES);
        byte[] want = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, want, 0, MAC_BYTES);
        return MessageDigest.isEqual(want, got) ? issued : INVALID; // constant time
    }

    /** HMAC over the time and salt (the first 12 bytes of raw), the realm and the source address. */
    private byte[] mac(byte[] raw, String realm, InetAddress source) {
        byte[] k = key;
        ThreadMac tm = perThread.get();
        try {
            if (tm.key != k) {
                tm.mac = Mac.getInstance("HmacSHA256");
                tm.mac.init(new SecretKeySpec(k, "HmacSHA256"));
                tm.key = k;
            }
            Mac mac = tm.mac;
            mac.update(raw, 0, 8 + SALT_BYTES);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            if (source != null) {
                mac.update(source.getAddress());
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void putLong(byte[] b, long v) {
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    @Override
    public String toString() {
        return "NonceCodec[key hidden]";
    }
}
