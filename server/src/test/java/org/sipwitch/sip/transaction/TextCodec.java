package org.sipwitch.sip.transaction;

import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.message.Header;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;

/**
 * Just enough text encoding for the socket test: well-formed messages only, no
 * folding, no compact forms. The real codec lives in sip.codec (another worktree).
 */
final class TextCodec {
    private TextCodec() {
    }

    static byte[] encode(SipMessage m) {
        StringBuilder b = new StringBuilder(512).append(m.startLine()).append("\r\n");
        for (Header h : m.headers().all()) {
            if (!h.name().equalsIgnoreCase("Content-Length")) {
                b.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        b.append("Content-Length: ").append(m.body().length).append("\r\n\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + m.body().length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(m.body(), 0, out, head.length, m.body().length);
        return out;
    }

    static SipMessage decode(byte[] data, int length) throws SipParseException {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        String[] start = lines[0].split(" ", 3);
        SipMessage m = start[0].equals("SIP/2.0")
                ? new SipResponse(Integer.parseInt(start[1]), start.length > 2 ? start[2] : null)
                : new SipRequest(start[0], SipUri.parse(start[1]));
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            m.addHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        return m;
    }
}
