package org.sipwitch.sip.message;

/** The request methods the server knows by name. */
public final class SipMethods {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String MESSAGE = "MESSAGE";
    public static final String INFO = "INFO";
    public static final String UPDATE = "UPDATE";
    public static final String PRACK = "PRACK";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String REFER = "REFER";
    public static final String PUBLISH = "PUBLISH";

    private static final String[] ALL = {INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, MESSAGE, INFO, UPDATE,
        PRACK, SUBSCRIBE, NOTIFY, REFER, PUBLISH};

    private SipMethods() {
    }

    /**
     * The method token {@code s[from, to)} as a string; the known methods (case-sensitive,
     * as methods are) come back as the constants above, so the many parsed messages that
     * hold a method name do not each hold a copy.
     */
    public static String token(String s, int from, int to) {
        for (String m : ALL) {
            if (m.length() == to - from && s.startsWith(m, from)) {
                return m;
            }
        }
        return s.substring(from, to);
    }

    /** The same for ASCII bytes, so a decoder can skip making a String for the usual methods. */
    public static String known(byte[] ascii, int length) {
        for (String m : ALL) {
            if (m.length() == length && sameAscii(m, ascii)) {
                return m;
            }
        }
        return null;
    }

    private static boolean sameAscii(String m, byte[] ascii) {
        for (int i = 0; i < m.length(); i++) {
            if (m.charAt(i) != ascii[i]) {
                return false;
            }
        }
        return true;
    }
}
