package org.sipwitch.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Making and removing FIFOs. The JDK cannot mkfifo, so we run mkfifo(1). */
final class Fifos {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private Fifos() {
    }

    static boolean isFifo(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Creates {@code fifo} with {@code mode}; a stale FIFO is replaced, anything else refused. */
    static void create(Path fifo, String mode) throws IOException {
        if (Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)) {
            if (!isFifo(fifo)) {
                throw new IOException(fifo + " exists and is not a FIFO; refusing to replace it");
            }
            Files.delete(fifo);
        }
        Process p = new ProcessBuilder("mkfifo", "-m", mode, fifo.toString()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mkfifo " + fifo + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + fifo, e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || !isFifo(fifo)) {
            throw new IOException("mkfifo " + fifo + " failed: " + output);
        }
    }

    static void deleteIfFifo(Path fifo) {
        if (isFifo(fifo)) {
            try {
                Files.delete(fifo);
            } catch (NoSuchFileException ignored) {
                // gone already
            } catch (IOException e) {
                // leaving a FIFO behind is harmless: the next start replaces it
            }
        }
    }
}
