package org.sipwitch.sip.location.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import org.sipwitch.sip.location.Binding;

/**
 * Writes the whole state atomically: to a temporary file, forced to the disk, then
 * renamed over the snapshot. A crash at any point leaves either the old snapshot or
 * the new one, never half of one.
 */
final class SnapshotFile {
    private SnapshotFile() {
    }

    static void write(StoreFiles files, Collection<Binding> bindings, long nowMillis) throws IOException {
        Files.deleteIfExists(files.snapshotTemp());
        JournalFile.createPrivate(files.snapshotTemp());
        StringBuilder text = new StringBuilder(64 + bindings.size() * 200);
        text.append("# sipwitch registrations snapshot, ").append(Instant.ofEpochMilli(nowMillis)).append(", ")
                .append(bindings.size()).append(" bindings\n");
        for (Binding b : bindings) {
            text.append(BindingLine.add(b));
        }
        try (FileChannel ch = FileChannel.open(files.snapshotTemp(), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(files.snapshotTemp(), files.snapshot(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(files);
    }

    /** Makes the rename itself durable; best effort where directories cannot be opened. */
    private static void syncDirectory(StoreFiles files) {
        try (FileChannel dir = FileChannel.open(files.dir(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // some file systems refuse to open a directory: the rename is still atomic
        }
    }
}
