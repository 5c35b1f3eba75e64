package org.sipwitch.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote JMX access file ({@code <jmx><access-file>}), in the JDK's format: one
 * {@code user level} per line, {@code #} comments, level {@code readwrite} (the
 * {@link JmxRole#CONTROL} role) or {@code readonly} ({@link JmxRole#MONITOR}). The
 * JDK's {@code create} and {@code unregister} clauses are accepted and ignored: nobody
 * creates or unregisters MBeans remotely here. A user of the password file who is not
 * listed gets no access at all, as with the JDK's agent. Without the file, the
 * defaults are {@code control readwrite} and {@code monitor readonly}.
 */
final class JmxAccessFile {

    static final Map<String, JmxRole> DEFAULTS = Map.of(
            JmxPasswordFile.CONTROL, JmxRole.CONTROL, JmxPasswordFile.MONITOR, JmxRole.MONITOR);

    private JmxAccessFile() {
    }

    /** The roles of {@code file}, or {@link #DEFAULTS} when it does not exist. */
    static Map<String, JmxRole> readOrDefaults(Path file) throws IOException {
        return Files.exists(file) ? read(file) : DEFAULTS;
    }

    /** @throws IOException naming {@code file:line} for a line that is not {@code user readonly|readwrite} */
    static Map<String, JmxRole> read(Path file) throws IOException {
        Map<String, JmxRole> roles = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            JmxRole role = words.length < 2 ? null : level(words[1]);
            if (role == null) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'user readonly' or 'user readwrite'");
            }
            roles.put(words[0], role);
        }
        return Map.copyOf(roles);
    }

    private static JmxRole level(String word) {
        for (JmxRole r : JmxRole.values()) {
            if (r.accessLevel().equals(word)) {
                return r;
            }
        }
        return null;
    }
}
