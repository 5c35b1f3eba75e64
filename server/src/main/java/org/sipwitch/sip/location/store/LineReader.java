package org.sipwitch.sip.location.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of a state file with a length cap: a damaged file may hold one
 * endless "line" of garbage, which must cost a report, not the heap.
 *
 * <p>Reads the file in 64 KiB chunks into its own buffer and scans them for newlines: a
 * restart replays one line per registration (a million of them, at scale), and reading
 * byte by byte through a synchronized stream into a growing {@code ByteArrayOutputStream}
 * was most of the restore time.
 */
final class LineReader implements AutoCloseable {
    /** Far longer than any binding record (they are a few hundred bytes). */
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int end;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean tooLong;
    private boolean lastHadNewline = true;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline (cut at the cap), or null at the end. */
    String next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(chunk, 0, chunk.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    lastHadNewline = false;
                    return any ? current() : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos);
            if (pos < end) {
                pos++; // the newline
                lastHadNewline = true;
                return current();
            }
        }
    }

    private void append(int from, int to) {
        int n = Math.min(to - from, MAX_LINE - length);
        System.arraycopy(chunk, from, line, length, n);
        length += n;
        if (n < to - from) {
            tooLong = true;
        }
    }

    /** True when the line just read was longer than {@link #MAX_LINE}. */
    boolean tooLong() {
        return tooLong;
    }

    /** False when the line just read ended at end of file without a newline (a write cut short). */
    boolean hadNewline() {
        return lastHadNewline;
    }

    private String current() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
