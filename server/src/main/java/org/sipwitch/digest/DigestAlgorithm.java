package org.sipwitch.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms we speak (RFC 7616 §3.3, RFC 8760 for SIP), as named on the
 * wire ({@link #token()}) and in {@code <registry><digest>} ({@link #configName()}).
 * The "-sess" variants are not offered: SIP phones rarely support them and they add
 * nothing to a registrar that stores HA1 digests.
 */
public enum DigestAlgorithm {
    MD5("MD5", "md5"),
    SHA_256("SHA-256", "sha-256");

    private final String token;
    private final String configName;
    /** One MessageDigest per thread and algorithm: getInstance() is costly and instances are not thread-safe. */
    private final ThreadLocal<MessageDigest> perThread;

    DigestAlgorithm(String token, String configName) {
        this.token = token;
        this.configName = configName;
        this.perThread = ThreadLocal.withInitial(this::newDigest);
    }

    /** The value of the {@code algorithm=} parameter, also the JCA name: {@code MD5} or {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** The spelling used in {@code <digest>}: {@code md5} or {@code sha-256}. */
    public String configName() {
        return configName;
    }

    /** Length of a hex digest of this algorithm: 32 for MD5, 64 for SHA-256. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    /** This thread's reset instance; callers must finish with digest() before the next call on this thread. */
    MessageDigest digest() {
        MessageDigest md = perThread.get();
        md.reset();
        return md;
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(token + " is required by RFC 7616 and missing from this JRE", e);
        }
    }

    /**
     * The algorithm named by an {@code algorithm=} parameter; a missing parameter
     * means MD5 (RFC 2617 §3.2.1). Unknown names (and "-sess" variants) give null.
     */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return MD5;
        }
        if (token.equalsIgnoreCase("MD5")) {
            return MD5;
        }
        if (token.equalsIgnoreCase("SHA-256")) {
            return SHA_256;
        }
        return null;
    }

    /** A name as an operator writes it ({@code <digest>}, the realm verb): md5, sha-256 or sha256, any case; empty when unknown. */
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
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * HA1 = H(username ":" realm ":" password) as lower-case hex (RFC 7616 §3.4.2),
     * what the config stores instead of a plain secret and what {@code sipwitchctl
     * digest} prints. The password's bytes are wiped after use; nothing here is logged.
     */
    public String ha1(String username, String realm, char[] password) {
        DigestComputer c = DigestComputer.forThread();
        return c.ha1(this, username, realm, password);
    }
}
