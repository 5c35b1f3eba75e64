package org.sipwitch.config;

import java.util.Set;

/**
 * Elements whose text is a secret or stands for one: user {@code <secret>} and
 * {@code <digest>} (an HA1 is as good as the password for this realm), keystore and
 * truststore {@code <password>}s, and any later {@code <secret>} (gateway credentials).
 * An error inside one names the file, the line and the element, never its text: the
 * XML parser would otherwise quote what follows a stray {@code &} into the reload
 * reply, the log, {@code history} and the event stream.
 */
final class SecretElements {

    private static final Set<String> NAMES = Set.of("secret", "digest", "password", "truststore-password");

    private SecretElements() {
    }

    static boolean isSecret(String elementName) {
        return NAMES.contains(elementName);
    }
}
