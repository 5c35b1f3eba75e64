package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.netty.util.CharsetUtil;
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
 */
final class HeadParser {
    /** Control characters other than HT are never legal in a head (NUL included). */
    private static final ByteProcessor FIND_CTL = b -> (b >= ' ' || b == '\t') && b != 0x7f;

    /** Longer than any known header name or method, so longer ones skip the lookups. */
    private static final int SCRATCH = 32;

    private final SipLimits limits;
    /** Name bytes for the known-name lookups; a parser serves one channel (one thread). */
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
            if (buf.forEachByte(pos, end - pos, FIND_CTL) >= 0) {
                head.fail("Illegal character in header");
                pos = next;
                continue;
            }
            byte first = buf.getByte(pos);
            if (first == ' ' || first == '\t') {
                if (name == null) {
                    head.fail("Continuation line without header");
                } else {
                    if (folded == null) {
                        folded = new StringBuilder(value);
                    }
                    String more = trimmed(buf, pos, end);
                    if (!more.isEmpty()) {
                        folded.append(' ').append(more);
                    }
                }
                pos = next;
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
            int colon = buf.indexOf(pos, end, (byte) ':');
            if (colon < 0) {
                head.fail("Header without colon");
                pos = next;
                continue;
            }
            int nameEnd = colon;
            while (nameEnd > pos && isSpace(buf.getByte(nameEnd - 1))) {
                nameEnd--;
            }
            if (nameEnd == pos || !isToken(buf, pos, nameEnd)) {
                head.fail("Bad header name");
                pos = next;
                continue;
            }
            name = headerName(buf, pos, nameEnd);
            value = trimmed(buf, colon + 1, end);
            pos = next;
        }
        if (name != null) {
            head.headers.add(name, folded != null ? folded.toString() : value);
        }
    }

    /** Known names as their shared canonical constant: no String per name per message. */
    private String headerName(ByteBuf buf, int from, int to) {
        int length = to - from;
        if (length <= SCRATCH) {
            buf.getBytes(from, scratch, 0, length);
            String known = HeaderNames.known(scratch, length);
            if (known != null) {
                return known;
            }
        }
        return buf.toString(from, length, CharsetUtil.US_ASCII);
    }

    private static int lineEnd(ByteBuf buf, int from, int to) {
        int lf = buf.indexOf(from, to, (byte) '\n');
        return lf < 0 ? to : lf;
    }

    private static int trimCr(ByteBuf buf, int from, int eol) {
        return eol > from && buf.getByte(eol - 1) == '\r' ? eol - 1 : eol;
    }

    private static String trimmed(ByteBuf buf, int from, int to) {
        while (from < to && isSpace(buf.getByte(from))) {
            from++;
        }
        while (to > from && isSpace(buf.getByte(to - 1))) {
            to--;
        }
        return from == to ? "" : buf.toString(from, to - from, CharsetUtil.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isToken(ByteBuf buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HeaderValues.isTokenChar((char) buf.getByte(i))) {
                return false;
            }
        }
        return true;
    }
}
