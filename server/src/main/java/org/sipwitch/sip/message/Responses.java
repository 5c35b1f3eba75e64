package org.sipwitch.sip.message;

import java.util.concurrent.ThreadLocalRandom;

/** Builds responses to requests as RFC 3261 §8.2.6 says: the same Via, From, To, Call-ID, CSeq. */
public final class Responses {
    private Responses() {
    }

    public static SipResponse create(SipRequest request, int status, String reason) {
        return create(request.headers(), status, reason);
    }

    /**
     * Builds a response from a request's headers alone: the codec answers requests whose
     * start line could not be parsed, so it has headers but no {@link SipRequest}.
     */
    public static SipResponse create(SipHeaders in, int status, String reason) {
        // the very lines of the request, so their kept parses (top Via, From, To, CSeq) are
        // shared with the response instead of parsed and retained a second time
        SipResponse r = new SipResponse(status, reason);
        r.headers().addAllFrom(in, HeaderNames.VIA);
        r.headers().addFirstFrom(in, HeaderNames.FROM);
        r.headers().addFirstFrom(in, HeaderNames.TO);
        r.headers().addFirstFrom(in, HeaderNames.CALL_ID);
        r.headers().addFirstFrom(in, HeaderNames.CSEQ);
        if (status == 100) {
            r.headers().addFirstFrom(in, "Timestamp"); // RFC 3261 §8.2.6.1
        }
        return r;
    }

    public static SipResponse create(SipRequest request, int status) {
        return create(request, status, null);
    }

    /**
     * Adds a To tag when the To header has none (every non-100 response of a UAS
     * must carry one). Keeps the value as it stood otherwise, so that a tag-less
     * To keeps the sender's own formatting.
     */
    public static void ensureToTag(SipResponse response, String tag) {
        String to = response.header(HeaderNames.TO);
        if (to != null && !hasTag(to)) {
            response.setHeader(HeaderNames.TO, to + ";tag=" + tag);
        }
    }

    static boolean hasTag(String addressValue) {
        try {
            return NameAddress.parse(addressValue).tag() != null;
        } catch (SipParseException e) {
            return false;
        }
    }

    /** A fresh random tag or branch suffix: 16 hex digits, unguessable enough for dialog ids. */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    public static String newBranch() {
        return Via.MAGIC_COOKIE + newTag();
    }
}
