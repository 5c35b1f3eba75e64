package org.sipwitch.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The pid file in the run directory. It also stops a second daemon from taking over
 * the run directory (and so the control FIFO) of one that is still alive.
 */
public final class PidFile implements AutoCloseable {
    public static final String NAME = "sipwitch.pid";

    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Writes our pid, refusing when another live process holds the file. */
    public static PidFile create(Path runDir) throws IOException {
        Path path = runDir.resolve(NAME);
        long self = ProcessHandle.current().pid();
        if (Files.exists(path)) {
            long other = read(path);
            if (other > 0 && other != self && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("another sipwitch (pid " + other + ") is running with run directory " + runDir);
            }
        }
        Path tmp = runDir.resolve(NAME + ".tmp");
        Files.writeString(tmp, self + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path, self);
    }

    static long read(Path path) {
        try {
            return Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public Path path() {
        return path;
    }

    /** Removes the file only if it is still ours (a restarted daemon may own it now). */
    @Override
    public void close() {
        if (read(path) == pid) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort at shutdown; a stale pid file is detected as dead next start
            }
        }
    }
}
