package org.sipwitch.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** LF-terminated UTF-8 lines with a length cap; longer lines are skipped whole. */
final class LineReader {

    /** Returned (by identity) for a line that was longer than the cap. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its LF (CR stripped too), {@link #TOO_LONG}, or null at end. */
    String next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            byte b = buffer[pos++];
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
