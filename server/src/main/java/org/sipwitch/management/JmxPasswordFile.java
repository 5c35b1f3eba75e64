package org.sipwitch.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The remote JMX password file, in the JDK's format: one {@code user password} per
 * line, {@code #} comments. Users {@value #CONTROL} (read-write) and {@value #MONITOR}
 * (read-only). Created on first start with random passwords, mode 0600; refused when
 * group or others may read it, as the JDK's own agent does.
 */
final class JmxPasswordFile {

    static final String NAME = "jmxremote.password";
    static final String CONTROL = "control";
    static final String MONITOR = "monitor";

    private JmxPasswordFile() {
    }

    /** Creates {@code file} with fresh random passwords unless it exists; true when created. */
    static boolean createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = List.of(
                "# sipwitch remote JMX users, created " + java.time.Instant.now() + ".",
                "# control: read-write (operations, writable attributes); monitor: read-only.",
                "# Change a password by editing this file and restarting the daemon; keep it mode 0600.",
                CONTROL + " " + randomPassword(),
                MONITOR + " " + randomPassword());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return false; // someone made it in between: use theirs
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return true;
    }

    /** Reads the users; fails when the file is readable by group or others, or holds no user. */
    static Map<String, String> read(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException("JMX password file " + file + " must be accessible by its owner only "
                        + "(chmod 600 " + file + ")");
            }
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                users.put(parts[0], parts[1].strip());
            }
        }
        if (users.isEmpty()) {
            throw new IOException("JMX password file " + file + " names no user");
        }
        return users;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
