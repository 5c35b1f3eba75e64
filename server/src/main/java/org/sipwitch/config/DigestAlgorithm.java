package org.sipwitch.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The HTTP Digest algorithms we support (RFC 2617 MD5, RFC 7616 SHA-256). */
public enum DigestAlgorithm {
    MD5("MD5", "md5"),
    SHA_256("SHA-256", "sha-256");

    private final String token;
    private final String configName;

    DigestAlgorithm(String token, String configName) {
        this.token = token;
        this.configName = configName;
    }

    /** The {@code algorithm=} token of WWW-Authenticate: {@code MD5} or {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** The spelling used in {@code <digest>}: {@code md5} or {@code sha-256}. */
    public String configName() {
        return configName;
    }

    /** Length of a hex digest: 32 for MD5, 64 for SHA-256. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    /** {@code md5}, {@code MD5}, {@code sha-256}, {@code SHA256}, … ; empty when unknown. */
    public static Optional<DigestAlgorithm> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "md5":
                return Optional.of(MD5);
            case "sha-256": case "sha256":
                return Optional.of(SHA_256);
            default:
                return Optional.empty();
        }
    }

    /** Lower-case hex of the hash of the UTF-8 bytes of {@code text}. */
    public String hex(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * HA1 = H(username ":" realm ":" password), lower-case hex. The password's bytes
     * are wiped after use; nothing here is logged.
     */
    public String ha1(String username, String realm, char[] password) {
        MessageDigest digest = newDigest();
        digest.update((username + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        try {
            digest.update(array);
            return HexFormat.of().formatHex(digest.digest());
        } finally {
            Arrays.fill(array, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + token, e); // both are mandatory in every JDK
        }
    }
}
