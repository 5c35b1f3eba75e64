package org.sipwitch.sip.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;

/**
 * The SIP option tags this server accepts in {@code Require} / {@code Proxy-Require}
 * (RFC 3261 §8.2.2.3, §16.3): the ones OPTIONS lists as {@code Supported}. Any other
 * required tag gets {@code 420 Bad Extension} naming it in {@code Unsupported}, on every
 * request but ACK and CANCEL, which cannot be refused.
 */
final class Extensions {
    /** What OPTIONS answers in {@code Supported}. */
    static final String SUPPORTED = "path, outbound";
    private static final Set<String> KNOWN = Set.of("path", "outbound");
    private static final String PROXY_REQUIRE = "Proxy-Require";

    private Extensions() {
    }

    /** The required option tags we do not implement, as sent; empty when the request may go on. */
    static List<String> unsupported(SipRequest request) {
        String method = request.method();
        if ("ACK".equals(method) || "CANCEL".equals(method)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(0);
        collect(request.headers().values(HeaderNames.REQUIRE), out);
        collect(request.headers().values(PROXY_REQUIRE), out);
        return out;
    }

    private static void collect(List<String> tags, List<String> out) {
        for (String tag : tags) {
            String t = tag.strip();
            if (!t.isEmpty() && !KNOWN.contains(t.toLowerCase(Locale.ROOT)) && !out.contains(t)) {
                out.add(t);
            }
        }
    }
}
