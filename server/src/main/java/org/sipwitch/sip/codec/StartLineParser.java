package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.CharsetUtil;
import org.sipwitch.sip.message.HeaderValues;
import org.sipwitch.sip.message.SipMethods;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.message.UnsupportedSchemeException;

/**
 * Request-Line ({@code METHOD SP Request-URI SP SIP/2.0}) and Status-Line
 * ({@code SIP/2.0 SP 3DIGIT SP Reason-Phrase}), scanned byte by byte.
 */
final class StartLineParser {
    private static final byte[] VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};

    private StartLineParser() {
    }

    /** Fills {@code head.message} or records why it could not. */
    static void parse(ByteBuf buf, int from, int to, ParsedHead head, byte[] scratch) {
        if (startsWithIgnoreCase(buf, from, to, VERSION, 4)) {
            head.request = false;
            parseStatusLine(buf, from, to, head);
        } else {
            parseRequestLine(buf, from, to, head, scratch);
        }
    }

    private static void parseRequestLine(ByteBuf buf, int from, int to, ParsedHead head, byte[] scratch) {
        int sp1 = buf.indexOf(from, to, (byte) ' ');
        if (sp1 <= from) {
            head.fail("Bad request line");
            return;
        }
        for (int i = from; i < sp1; i++) {
            if (!HeaderValues.isTokenChar((char) buf.getByte(i))) {
                head.fail("Bad request method");
                return;
            }
        }
        head.method = method(buf, from, sp1, scratch);
        int sp2 = buf.indexOf(sp1 + 1, to, (byte) ' ');
        if (sp2 <= sp1 + 1) {
            head.fail("Bad request line");
            return;
        }
        if (sp2 + 1 + VERSION.length != to || !startsWithIgnoreCase(buf, sp2 + 1, to, VERSION, VERSION.length)) {
            // "SIP/" and something else is a version we do not speak (§8.2.2 / RFC 4475 §3.3.14)
            if (startsWithIgnoreCase(buf, sp2 + 1, to, VERSION, 4) && buf.indexOf(sp2 + 1, to, (byte) ' ') < 0) {
                head.fail(505, "SIP Version not supported");
            } else {
                head.fail("Bad SIP version");
            }
            return;
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            byte b = buf.getByte(i);
            if (b <= ' ' || b == 0x7f) {
                head.fail("Illegal character in Request-URI");
                return;
            }
        }
        try {
            SipUri uri = SipUri.parse(buf.toString(sp1 + 1, sp2 - sp1 - 1, CharsetUtil.UTF_8));
            head.message = new SipRequest(head.method, uri);
        } catch (UnsupportedSchemeException e) {
            head.fail(416, e.getMessage()); // §8.2.2.1: a scheme we do not understand
        } catch (SipParseException e) {
            head.fail("Bad Request-URI: " + e.getMessage());
        }
    }

    /** Known methods as their shared constant, so retained requests do not each hold a copy. */
    private static String method(ByteBuf buf, int from, int to, byte[] scratch) {
        int length = to - from;
        if (length <= scratch.length) {
            buf.getBytes(from, scratch, 0, length);
            String known = SipMethods.known(scratch, length);
            if (known != null) {
                return known;
            }
        }
        return buf.toString(from, length, CharsetUtil.US_ASCII);
    }

    private static void parseStatusLine(ByteBuf buf, int from, int to, ParsedHead head) {
        int i = from + VERSION.length;
        if (to - from < VERSION.length + 4 || !startsWithIgnoreCase(buf, from, to, VERSION, VERSION.length)
                || buf.getByte(i) != ' ') {
            head.fail("Bad status line");
            return;
        }
        int status = 0;
        for (int k = i + 1; k < i + 4; k++) {
            byte b = buf.getByte(k);
            if (b < '0' || b > '9') {
                head.fail("Bad status code");
                return;
            }
            status = status * 10 + (b - '0');
        }
        if (status < 100 || status > 699) {
            head.fail("Bad status code");
            return;
        }
        int r = i + 4;
        String reason = "";
        if (r < to) {
            if (buf.getByte(r) != ' ') {
                head.fail("Bad status line");
                return;
            }
            for (int k = r + 1; k < to; k++) {
                int b = buf.getUnsignedByte(k); // UTF-8 is allowed (TEXT-UTF8): compare unsigned
                if ((b < ' ' && b != '\t') || b == 0x7f) {
                    head.fail("Illegal character in reason phrase");
                    return;
                }
            }
            reason = buf.toString(r + 1, to - r - 1, CharsetUtil.UTF_8);
        }
        head.message = new SipResponse(status, reason);
    }

    /** True when the bytes at {@code from} start with the first {@code n} bytes of {@code what}, ignoring case. */
    private static boolean startsWithIgnoreCase(ByteBuf buf, int from, int to, byte[] what, int n) {
        if (to - from < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            int b = buf.getByte(from + k);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != what[k]) {
                return false;
            }
        }
        return true;
    }
}
