package org.sipwitch.cdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <state-dir>/cdr/YYYY-MM-DD.jsonl}: one JSON line per record, appended with one
 * {@code write(2)} each, so the line is in the kernel's hands when {@link #append}
 * returns: a {@code kill -9} of the daemon loses no written line (a power cut may lose
 * what the disk has not yet got; that would take an fsync per call). The day is the
 * UTC day of the call's end, like the record's times. A new day opens a new file and
 * deletes the files older than the retention.
 */
final class CdrFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrFiles.class);
    private static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.jsonl");

    private final Path dir;
    private final int retentionDays;
    private final Clock clock;
    private LocalDate day;
    private FileChannel file;

    CdrFiles(Path dir, int retentionDays, Clock clock) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /** The file of that UTC day. */
    Path file(LocalDate date) {
        return dir.resolve(date + ".jsonl");
    }

    synchronized void append(String jsonLine) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day) || file == null) {
            rotate(today);
        }
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    private void rotate(LocalDate today) throws IOException {
        close();
        // APPEND: every write goes to the end, also after a restart on the same day
        file = FileChannel.open(file(today), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        day = today;
        expire(today);
    }

    /** Deletes daily files older than the retention; 0 keeps them all. */
    void expire(LocalDate today) {
        if (retentionDays <= 0) {
            return;
        }
        LocalDate oldest = today.minusDays(retentionDays - 1L);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && LocalDate.parse(m.group(1)).isBefore(oldest)) {
                    Files.deleteIfExists(f);
                    LOG.info("call detail records {} deleted: older than {} days", f.getFileName(), retentionDays);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("call detail records: expiring old files in {} failed: {}", dir, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("closing call detail records", e);
            }
            file = null;
        }
    }
}
