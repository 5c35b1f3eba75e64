package org.sipwitch.sip.codec;

import java.util.List;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipHeaders;

/** Reads Content-Length ({@code l}) strictly: digits only, one value, within the body limit. */
final class ContentLength {
    static final int ABSENT = -1;

    private ContentLength() {
    }

    /** The declared body length, or {@link #ABSENT}. */
    static int of(SipHeaders headers, SipLimits limits) throws FramingException {
        List<String> lines = headers.getAll(HeaderNames.CONTENT_LENGTH);
        if (lines.isEmpty()) {
            return ABSENT;
        }
        long value = parse(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (parse(lines.get(i)) != value) {
                throw new FramingException("Conflicting Content-Length");
            }
        }
        if (value > limits.maxBodySize()) {
            throw new FramingException("Body too large");
        }
        return (int) value;
    }

    private static long parse(String v) throws FramingException {
        String s = v.trim();
        if (s.isEmpty() || s.length() > 10) {
            throw new FramingException("Bad Content-Length");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new FramingException("Bad Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
