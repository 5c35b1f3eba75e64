package org.sipwitch.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Header names are case-insensitive and several have a one-letter compact form
 * (RFC 3261 §7.3.3). Everything inside the server works with the canonical long
 * form, so a lookup for "Call-ID" finds a header that arrived as "i" or "call-id".
 */
public final class HeaderNames {
    public static final String ACCEPT = "Accept";
    public static final String ALLOW = "Allow";
    public static final String AUTHORIZATION = "Authorization";
    public static final String CALL_ID = "Call-ID";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CSEQ = "CSeq";
    public static final String EXPIRES = "Expires";
    public static final String EVENT = "Event";
    public static final String FROM = "From";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String REFER_TO = "Refer-To";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROUTE = "Route";
    public static final String SERVER = "Server";
    public static final String SUBJECT = "Subject";
    public static final String SUPPORTED = "Supported";
    public static final String TO = "To";
    public static final String USER_AGENT = "User-Agent";
    public static final String VIA = "Via";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String DATE = "Date";
    public static final String WARNING = "Warning";
    public static final String UNSUPPORTED = "Unsupported";
    public static final String REQUIRE = "Require";

    private static final Map<String, String> CANONICAL = new HashMap<>();
    /**
     * Known spellings as they usually appear (canonical, lower case, compact in both
     * cases) straight to the canonical name: every header get and add goes through
     * here, so the common case must not lower-case a string.
     */
    private static final Map<String, String> EXACT_CANONICAL = new HashMap<>();
    /**
     * Every known spelling (lower case) and its canonical name in an open-addressing
     * table, so a decoder can name a header from its bytes
     * without making a String first. Size: a power of two, at least twice the spellings.
     */
    private static final int SLOTS = 256;
    private static final String[] SLOT_SPELLING = new String[SLOTS];
    private static final String[] SLOT_CANONICAL = new String[SLOTS];

    static {
        for (String name : new String[] {ACCEPT, ALLOW, AUTHORIZATION, CALL_ID, CONTACT, CONTENT_ENCODING,
                CONTENT_LENGTH, CONTENT_TYPE, CSEQ, EXPIRES, EVENT, FROM, MAX_FORWARDS, MIN_EXPIRES,
                PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, RECORD_ROUTE, REFER_TO, RETRY_AFTER, ROUTE, SERVER,
                SUBJECT, SUPPORTED, TO, USER_AGENT, VIA, WWW_AUTHENTICATE, DATE, WARNING, UNSUPPORTED, REQUIRE,
                "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow-Events", "Authentication-Info",
                "Call-Info", "Content-Disposition", "Content-Language", "Error-Info", "In-Reply-To",
                "MIME-Version", "Organization", "Priority", "Proxy-Require", "Reply-To", "Session-Expires",
                "Min-SE", "Timestamp", "Path", "RSeq", "RAck", "Referred-By", "Subscription-State",
                "P-Asserted-Identity", "Privacy", "Reason"}) {
            CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
        }
        // RFC 3261 §7.3.3 and the registered compact forms used by common phones
        CANONICAL.put("i", CALL_ID);
        CANONICAL.put("m", CONTACT);
        CANONICAL.put("e", CONTENT_ENCODING);
        CANONICAL.put("l", CONTENT_LENGTH);
        CANONICAL.put("c", CONTENT_TYPE);
        CANONICAL.put("f", FROM);
        CANONICAL.put("s", SUBJECT);
        CANONICAL.put("k", SUPPORTED);
        CANONICAL.put("t", TO);
        CANONICAL.put("v", VIA);
        CANONICAL.put("o", EVENT);
        CANONICAL.put("u", "Allow-Events");
        CANONICAL.put("r", REFER_TO);
        CANONICAL.put("b", "Referred-By");
        CANONICAL.put("x", "Session-Expires");
        for (Map.Entry<String, String> e : CANONICAL.entrySet()) {
            String canonical = e.getValue();
            for (String spelling : new String[] {e.getKey(), e.getKey().toUpperCase(Locale.ROOT), canonical,
                canonical.toLowerCase(Locale.ROOT)}) {
                EXACT_CANONICAL.put(spelling, canonical);
            }
            String spelling = e.getKey();
            int slot = slotOf(spelling.length(), spelling.charAt(0), spelling.charAt(spelling.length() - 1));
            while (SLOT_SPELLING[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            SLOT_SPELLING[slot] = spelling;
            SLOT_CANONICAL[slot] = canonical;
        }
    }

    /** Length, first and last character tell the known names apart well enough to hash on. */
    private static int slotOf(int length, int first, int last) {
        return (length * 37 + first * 11 + last) & (SLOTS - 1);
    }

    /**
     * The canonical name of a known header whose name arrived as the ASCII bytes
     * {@code ascii[0, length)} in any case or compact form; null for names not known here.
     */
    public static String known(byte[] ascii, int length) {
        if (length == 0) {
            return null;
        }
        int slot = slotOf(length, lower(ascii[0]), lower(ascii[length - 1]));
        for (; SLOT_SPELLING[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            if (sameLowerCase(SLOT_SPELLING[slot], ascii, length)) {
                return SLOT_CANONICAL[slot];
            }
        }
        return null;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static boolean sameLowerCase(String spelling, byte[] ascii, int length) {
        if (spelling.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (spelling.charAt(i) != lower(ascii[i])) {
                return false;
            }
        }
        return true;
    }

    private HeaderNames() {
    }

    /** The canonical spelling of a header name; unknown names keep the sender's spelling. */
    public static String canonical(String name) {
        String known = knownOrNull(name);
        return known != null ? known : name;
    }

    /** The canonical constant of a known header name, or null when the name is not known. */
    static String knownOrNull(String name) {
        String exact = EXACT_CANONICAL.get(name);
        return exact != null ? exact : CANONICAL.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Headers whose value is a comma-separated list that may also be split over
     * several header lines (RFC 3261 §7.3.1). Others (WWW-Authenticate, Date, ...)
     * contain commas that are not list separators.
     */
    public static boolean isListHeader(String canonicalName) {
        switch (canonicalName) {
            case VIA: case CONTACT: case ROUTE: case RECORD_ROUTE: case ALLOW: case SUPPORTED:
            case REQUIRE: case UNSUPPORTED: case ACCEPT: case "Proxy-Require": case "Allow-Events":
            case "Accept-Encoding": case "Accept-Language": case "Path":
                return true;
            default:
                return false;
        }
    }
}
