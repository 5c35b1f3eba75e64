package org.sipwitch.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks remote JMX credentials ({@code String[] {user, password}}) against the password
 * file's users, and admits only those the access file gives a role. Comparison is
 * constant-time; a wrong password says only "authentication failed" and is logged with
 * the user name, never the password.
 */
final class PasswordAuthenticator implements JMXAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthenticator.class);

    private final Map<String, String> users;
    private final Set<String> withRole;

    /** @param withRole the users the access file gives a role; the others are refused after a right password */
    PasswordAuthenticator(Map<String, String> users, Set<String> withRole) {
        this.users = Map.copyOf(users);
        this.withRole = Set.copyOf(withRole);
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            LOG.warn("remote JMX connection refused: no user and password given");
            throw new SecurityException("authentication failed");
        }
        String expected = users.get(pair[0]);
        // compare even for unknown users, so timing does not tell which users exist
        byte[] given = pair[1].getBytes(StandardCharsets.UTF_8);
        byte[] wanted = (expected == null ? "\u0000unknown-user" : expected).getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(given, wanted)) {
            LOG.warn("remote JMX connection refused: wrong credentials for user '{}'", printable(pair[0]));
            throw new SecurityException("authentication failed");
        }
        if (!withRole.contains(pair[0])) {
            LOG.warn("remote JMX connection refused: user '{}' has no role in the access file", printable(pair[0]));
            throw new SecurityException("access denied: user '" + printable(pair[0]) + "' has no role");
        }
        return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
    }

    private static String printable(String user) {
        String s = user.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
