package org.sipwitch.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * LF-terminated UTF-8 lines from the control FIFO, with a length cap; longer lines are
 * skipped whole.
 *
 * <p>A client writes each request as one write of at most PIPE_BUF bytes, which a pipe
 * delivers whole. So when a read empties the pipe (returns less than asked for) and
 * leaves a line without its LF, nobody is going to finish that line: it was written by a
 * broken client. It is dropped ({@link #PARTIAL}) before the next read, or it would be
 * glued to the front of the next client's request and swallow it.
 */
final class LineReader {

    /** Returned (by identity) for a line that was longer than the cap. */
    static final String TOO_LONG = new String("<too long>");
    /** Returned (by identity) for the unfinished rest of a write that had no LF. */
    static final String PARTIAL = new String("<partial>");

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private boolean drained = true;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its LF (CR stripped too), {@link #TOO_LONG}, {@link #PARTIAL}, or null at end. */
    String next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean started = false;
        while (true) {
            if (pos == limit) {
                if (started && drained) {
                    return PARTIAL;
                }
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
                drained = limit < buffer.length;
            }
            byte b = buffer[pos++];
            started = true;
            if (b == '\n') {
                if (tooLong) {
                    return TOO_LONG;
                }
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= max) {
                tooLong = true;   // keep reading to the LF, but drop the bytes
            } else {
                line.write(b);
            }
        }
    }
}
