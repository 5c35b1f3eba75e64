package org.sipwitch.sip.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The digest algorithms we speak (RFC 7616 §3.3, RFC 8760 for SIP). The "-sess"
 * variants are not offered: SIP phones rarely support them and they add nothing
 * to a registrar that stores HA1 digests.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;
    /** One MessageDigest per thread and algorithm: getInstance() is costly and instances are not thread-safe. */
    private final ThreadLocal<MessageDigest> perThread;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
        this.perThread = ThreadLocal.withInitial(this::newDigest);
    }

    /** The value of the {@code algorithm=} parameter. */
    public String token() {
        return token;
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
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required by RFC 7616 and missing from this JRE", e);
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

    /** The algorithm named in configuration: "md5", "sha-256" or "sha256", any case. */
    public static DigestAlgorithm fromConfig(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "md5": return MD5;
            case "sha-256": case "sha256": return SHA_256;
            default: throw new IllegalArgumentException("Unknown digest type '" + name + "' (use md5 or sha-256)");
        }
    }

    /**
     * HA1 = H(username ":" realm ":" password) as lower-case hex (RFC 7616 §3.4.2),
     * what the config stores instead of a plain secret and what {@code sipwitchctl
     * digest} prints.
     */
    public String ha1(String username, String realm, char[] password) {
        DigestComputer c = DigestComputer.forThread();
        return c.ha1(this, username, realm, password);
    }
}
