package org.sipwitch.sip.location.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The append-only journal. Each line goes to the kernel with its own write, so a
 * crash of the JVM ({@code kill -9}) loses nothing that was acknowledged to a phone;
 * {@link #sync()} (once a second, from housekeeping) forces it to the disk, so a power
 * cut loses at most that second. Not thread-safe: {@link JournaledLocationService}
 * serialises the calls.
 */
final class JournalFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private boolean dirty;
    private long lines;

    JournalFile(Path path) {
        this.path = path;
    }

    void open() throws IOException {
        if (channel != null && !channel.isOpen()) {
            channel = null; // closed under us by an interrupted thread (ClosedByInterruptException): reopen
        }
        if (channel == null) {
            createPrivate(path);
            channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    void append(String line) throws IOException {
        open();
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        dirty = true;
        lines++;
    }

    /** Forces written lines to the disk, when there are any. */
    void sync() throws IOException {
        if (dirty && channel != null && channel.isOpen()) {
            channel.force(false);
            dirty = false;
        }
    }

    /**
     * The channel to force when lines were written since the last call, else null; the
     * caller forces it outside its lock, so appends never wait for the disk. A channel
     * closed meanwhile (rotation) was forced by its close.
     */
    FileChannel pendingSync() {
        if (dirty && channel != null && channel.isOpen()) {
            dirty = false;
            return channel;
        }
        return null;
    }

    /** Lines appended since this journal was started (the compaction trigger). */
    long lines() {
        return lines;
    }

    /**
     * Closes the journal and moves its lines to {@code old} (appending when a failed
     * compaction left one there: its lines are not in any snapshot yet); the next
     * append starts a fresh file.
     */
    void rotateInto(Path old) throws IOException {
        close();
        lines = 0;
        if (!Files.exists(path)) {
            return;
        }
        if (Files.exists(old)) {
            try (FileChannel out = FileChannel.open(old, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                long pos = 0;
                long size = in.size();
                while (pos < size) {
                    pos += in.transferTo(pos, size - pos, out);
                }
                out.force(false);
            }
            Files.delete(path);
        } else {
            Files.move(path, old, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null && !channel.isOpen()) {
            channel = null;
        }
        if (channel != null) {
            try {
                sync();
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    /** State files hold where users are: readable by the daemon's user only. */
    static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
    }
}
