package org.sipwitch.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where the daemon keeps its control FIFO and pid file (run directory) and its
 * snapshots, credentials and persisted state (state directory). The order of the
 * defaults is shared with scripts/sipwitchctl, which must find the same place.
 */
public final class Directories {
    private Directories() {
    }

    public static Path defaultRunDir(Map<String, String> env) {
        Path system = Path.of("/var/run/sipwitch");
        if (usable(system)) {
            return system;
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) {
            return Path.of(xdg, "sipwitch");
        }
        return Path.of("/tmp", "sipwitch-" + user(env));
    }

    public static Path defaultStateDir(Map<String, String> env) {
        Path system = Path.of("/var/lib/sipwitch");
        if (usable(system)) {
            return system;
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "sipwitch");
        }
        return Path.of(env.getOrDefault("HOME", "/tmp"), ".local", "state", "sipwitch");
    }

    /** True when the directory exists writable, or could be created in a writable parent. */
    private static boolean usable(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir);
        }
        Path parent = dir.getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }

    private static String user(Map<String, String> env) {
        return Optional.ofNullable(env.get("USER")).filter(u -> !u.isEmpty())
                .orElse(System.getProperty("user.name", "sipwitch"));
    }

    /** An I/O failure in words: Java's file exceptions often carry only the path. */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied or read-only";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Creates the directory (and parents) and sets it private to the daemon's user
     * and group, as the control FIFO and state inside must not be reachable by others.
     */
    public static Path prepare(Path dir, String mode) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing finer to set
        }
        return dir;
    }
}
