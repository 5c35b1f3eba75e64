package org.sipwitch.sip.location.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of a state file with a length cap: a damaged file may hold one
 * endless "line" of garbage, which must cost a report, not the heap.
 */
final class LineReader implements AutoCloseable {
    /** Far longer than any binding record (they are a few hundred bytes). */
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean tooLong;
    private boolean lastHadNewline = true;

    LineReader(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /** The next line without its newline (cut at the cap), or null at the end. */
    String next() throws IOException {
        line.reset();
        tooLong = false;
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                lastHadNewline = true;
                return current();
            }
            if (line.size() < MAX_LINE) {
                line.write(c);
            } else {
                tooLong = true;
            }
        }
        lastHadNewline = false;
        return any ? current() : null;
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
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
