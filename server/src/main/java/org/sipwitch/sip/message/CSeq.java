package org.sipwitch.sip.message;

/** The CSeq header: sequence number and method (RFC 3261 §20.16). */
public record CSeq(long sequence, String method) {

    public static CSeq parse(String value) throws SipParseException {
        String s = value.trim();
        int sp = 0;
        while (sp < s.length() && Character.isDigit(s.charAt(sp))) {
            sp++;
        }
        if (sp == 0 || sp > 10) {
            throw new SipParseException("Bad CSeq number");
        }
        long seq = Long.parseLong(s, 0, sp, 10);
        if (seq > 0xffffffffL) {
            throw new SipParseException("CSeq number out of range");
        }
        int from = sp;
        int to = s.length();
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        if (from == to) {
            throw new SipParseException("Bad CSeq method");
        }
        for (int i = from; i < to; i++) {
            if (!HeaderValues.isTokenChar(s.charAt(i))) {
                throw new SipParseException("Bad CSeq method");
            }
        }
        return new CSeq(seq, SipMethods.token(s, from, to));
    }

    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
