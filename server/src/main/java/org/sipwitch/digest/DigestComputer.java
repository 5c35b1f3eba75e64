package org.sipwitch.digest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Computes digest responses (RFC 2617 §3.2.2, RFC 7616 §3.4.1) without building
 * intermediate strings: values are fed straight into a per-thread MessageDigest
 * through a reusable byte buffer. One instance per thread, never shared.
 */
public final class DigestComputer {
    private static final ThreadLocal<DigestComputer> PER_THREAD = ThreadLocal.withInitial(DigestComputer::new);
    private static final byte COLON = ':';
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] scratch = new byte[256];
    private final byte[] ha2Hex = new byte[64];
    private final byte[] outHex = new byte[64];

    public static DigestComputer forThread() {
        return PER_THREAD.get();
    }

    /**
     * The expected {@code response} as lower-case hex ASCII, in a buffer owned by
     * this computer (valid until its next call). With qop: KD(HA1, nonce:nc:cnonce:qop:HA2);
     * without (RFC 2069 compatibility): KD(HA1, nonce:HA2).
     */
    public byte[] response(DigestAlgorithm alg, String ha1Hex, String method, String uri,
                    String nonce, String nc, String cnonce, String qop) {
        MessageDigest md = alg.digest();
        update(md, method);
        md.update(COLON);
        update(md, uri);
        int n = hex(md.digest(), ha2Hex);

        md = alg.digest();
        update(md, ha1Hex);
        md.update(COLON);
        update(md, nonce);
        md.update(COLON);
        if (qop != null) {
            update(md, nc);
            md.update(COLON);
            update(md, cnonce);
            md.update(COLON);
            update(md, qop);
            md.update(COLON);
        }
        md.update(ha2Hex, 0, n);
        hex(md.digest(), outHex);
        return outHex;
    }

    String ha1(DigestAlgorithm alg, String username, String realm, char[] password) {
        MessageDigest md = alg.digest();
        update(md, username);
        md.update(COLON);
        update(md, realm);
        md.update(COLON);
        // encoded without a String copy, so that no readable secret is left on the heap
        ByteBuffer pw = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            md.update(pw);
        } finally {
            if (pw.hasArray()) {
                Arrays.fill(pw.array(), (byte) 0);
            }
        }
        byte[] out = new byte[alg.hexLength()];
        hex(md.digest(), out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Feeds a string as UTF-8; the common all-ASCII case goes through the scratch buffer without allocating. */
    private void update(MessageDigest md, String s) {
        int len = s.length();
        if (len > scratch.length) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                md.update(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            scratch[i] = (byte) c;
        }
        md.update(scratch, 0, len);
    }

    private static int hex(byte[] raw, byte[] out) {
        for (int i = 0; i < raw.length; i++) {
            out[2 * i] = HEX[(raw[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[raw[i] & 0xf];
        }
        return raw.length * 2;
    }

    /**
     * Constant-time comparison of our lower-case hex with what the client sent
     * (hex digits case-insensitive): no early exit that would tell an attacker how
     * many leading characters were right.
     */
    public static boolean hexEquals(byte[] expected, int expectedLen, String received) {
        int diff = received.length() ^ expectedLen;
        int n = Math.min(received.length(), expectedLen);
        for (int i = 0; i < n; i++) {
            int c = received.charAt(i);
            if (c >= 'A' && c <= 'F') {
                c += 'a' - 'A';
            }
            diff |= c ^ expected[i];
        }
        return diff == 0;
    }
}
