package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.HeaderValues;
import org.sipwitch.sip.message.SipHeaders;

/**
 * Turns the bytes of a message head (start line and header lines, without the blank
 * line) into a {@link ParsedHead}. Lines end in LF with an optional CR before it;
 * a line that starts with SP or HT continues the previous header (RFC 3261 §7.3.1)
 * and is joined to it with one space. Names are matched case-insensitively and
 * compact forms are mapped by the model. Comma lists are left to the model.
 * A header line with a control character or no colon is left out and recorded as
 * the error, so the rest of the head can still be used to answer.
 *
 * <p>Each header line is copied once into a per-thread array and checked, split and
 * turned into strings from there: reading a direct buffer byte by byte costs a bounds
 * and liveness check per byte, and the strings need a copy in a heap array anyway.
 */
final class HeadParser {
    /** Longer than any known method, so longer ones skip the lookup. */
    private static final int SCRATCH = 32;
    /** Lines are at most {@link SipLimits#maxLineLength()} long; the array grows to the longest seen. */
    private static final FastThreadLocal<byte[]> LINE = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[256];
        }
    };

    private final SipLimits limits;
    /** Method bytes for the known-method lookup; a parser serves one channel (one thread). */
    private final byte[] scratch = new byte[SCRATCH];

    HeadParser(SipLimits limits) {
        this.limits = limits;
    }

    ParsedHead parse(ByteBuf buf, int from, int to) {
        ParsedHead head = new ParsedHead();
        int eol = lineEnd(buf, from, to);
        StartLineParser.parse(buf, from, trimCr(buf, from, eol), head, scratch);
        head.headers = head.message != null ? head.message.headers() : new SipHeaders();
        parseHeaders(buf, Math.min(eol + 1, to), to, head);
        return head;
    }

    private void parseHeaders(ByteBuf buf, int pos, int to, ParsedHead head) {
        String name = null;
        StringBuilder folded = null;
        String value = null;
        int count = 0;
        while (pos < to) {
            int eol = lineEnd(buf, pos, to);
            int end = trimCr(buf, pos, eol);
            int next = eol + 1;
            if (end == pos) {
                pos = next; // an empty line inside a datagram head: nothing to keep
                continue;
            }
            int length = end - pos;
            byte[] line = lineArray(length);
            buf.getBytes(pos, line, 0, length);
            pos = next;
            String bad = badCharacter(line, length);
            if (bad != null) {
                head.fail(bad);
                continue;
            }
            byte first = line[0];
            if (first == ' ' || first == '\t') {
                if (name == null) {
                    head.fail("Continuation line without header");
                } else {
                    if (folded == null) {
                        folded = new StringBuilder(value);
                    }
                    String more = trimmed(line, 0, length);
                    if (!more.isEmpty()) {
                        folded.append(' ').append(more);
                    }
                }
                continue;
            }
            if (name != null) {
                head.headers.add(name, folded != null ? folded.toString() : value);
                name = null;
                folded = null;
            }
            if (++count > limits.maxHeaderCount()) {
                head.fail("Too many headers");
                return;
            }
            int colon = indexOf(line, length, (byte) ':');
            if (colon < 0) {
                head.fail("Header without colon");
                continue;
            }
            int nameEnd = colon;
            while (nameEnd > 0 && isSpace(line[nameEnd - 1])) {
                nameEnd--;
            }
            if (nameEnd == 0 || !isToken(line, nameEnd)) {
                head.fail("Bad header name");
                continue;
            }
            name = headerName(line, nameEnd);
            value = trimmed(line, colon + 1, length);
        }
        if (name != null) {
            head.headers.add(name, folded != null ? folded.toString() : value);
        }
    }

    private static byte[] lineArray(int length) {
        byte[] line = LINE.get();
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
            LINE.set(line);
        }
        return line;
    }

    /**
     * Control characters other than HT are never legal in a head (NUL included), except
     * escaped in a quoted string (RFC 3261 §25.1 quoted-pair: {@code \\} then %x00-09 /
     * %x0B-0C / %x0E-7F). Octets 0x80 and above are UTF-8 (TEXT-UTF8, quoted strings,
     * display names: §25.1) and must be well-formed; they are compared unsigned.
     */
    private static String badCharacter(byte[] line, int length) {
        boolean quoted = false;
        boolean escaped = false;
        boolean wide = false;
        for (int i = 0; i < length; i++) {
            int b = line[i] & 0xff;
            if (escaped) {
                escaped = false;
                if (b == '\r' || b >= 0x80) {
                    return "Illegal character in header";
                }
                continue;
            }
            if ((b < ' ' && b != '\t') || b == 0x7f) {
                return "Illegal character in header";
            }
            if (b >= 0x80) {
                wide = true;
            } else if (b == '"') {
                quoted = !quoted;
            } else if (b == '\\' && quoted) {
                escaped = true;
            }
        }
        return wide && !Utf8.isWellFormed(line, length) ? "Invalid UTF-8 in header" : null;
    }

    /** Known names as their shared canonical constant: no String per name per message. */
    private static String headerName(byte[] line, int length) {
        String known = HeaderNames.known(line, length);
        return known != null ? known : new String(line, 0, length, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] line, int length, byte what) {
        for (int i = 0; i < length; i++) {
            if (line[i] == what) {
                return i;
            }
        }
        return -1;
    }

    private static int lineEnd(ByteBuf buf, int from, int to) {
        int lf = buf.indexOf(from, to, (byte) '\n');
        return lf < 0 ? to : lf;
    }

    private static int trimCr(ByteBuf buf, int from, int eol) {
        return eol > from && buf.getByte(eol - 1) == '\r' ? eol - 1 : eol;
    }

    private static String trimmed(byte[] line, int from, int to) {
        while (from < to && isSpace(line[from])) {
            from++;
        }
        while (to > from && isSpace(line[to - 1])) {
            to--;
        }
        return from == to ? "" : new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isToken(byte[] line, int to) {
        for (int i = 0; i < to; i++) {
            if (!HeaderValues.isTokenChar((char) line[i])) {
                return false;
            }
        }
        return true;
    }
}
