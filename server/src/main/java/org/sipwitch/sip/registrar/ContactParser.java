package org.sipwitch.sip.registrar;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.HeaderValues;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;

/**
 * Reads the Contact and Expires headers of a REGISTER (RFC 3261 §10.3 steps 6–7)
 * and applies the expiry rules: a contact's {@code expires} parameter wins over the
 * {@code Expires} header, which wins over the configured default; non-zero values
 * below the minimum are refused with 423, values above the maximum are shortened.
 */
final class ContactParser {
    /** null: no Contact at all (a query); empty list with wildcard: Contact: * */
    record Result(boolean wildcard, List<ContactSpec> contacts) {
        boolean isQuery() {
            return !wildcard && contacts.isEmpty();
        }
    }

    private ContactParser() {
    }

    static Result parse(SipRequest request, RegistrarConfig config) throws RegisterRejected {
        List<String> values = request.headers().values(HeaderNames.CONTACT);
        long headerExpires;
        try {
            headerExpires = request.expires();
        } catch (SipParseException e) {
            throw new RegisterRejected(400, "Bad Expires");
        }
        boolean star = false;
        for (String v : values) {
            if (v.equals("*")) {
                star = true;
            }
        }
        if (star) {
            // §10.3 step 6: "*" must stand alone and come with Expires: 0
            if (values.size() != 1 || headerExpires != 0) {
                throw new RegisterRejected(400, "Contact * needs Expires 0 and no other contact");
            }
            return new Result(true, List.of());
        }
        List<ContactSpec> specs = new ArrayList<>(values.size());
        boolean tooBrief = false;
        for (String v : values) {
            NameAddress na;
            try {
                na = NameAddress.parse(v);
            } catch (SipParseException e) {
                throw new RegisterRejected(400, "Bad Contact: " + e.getMessage());
            }
            long expires = headerExpires >= 0 ? headerExpires : config.defaultExpires();
            String param = na.param("expires");
            if (param != null) {
                try {
                    expires = SipMessage.parseDelta(param.trim(), "contact expires");
                } catch (SipParseException e) {
                    throw new RegisterRejected(400, "Bad contact expires");
                }
            }
            if (expires > 0 && expires < config.minExpires()) {
                tooBrief = true;
            }
            if (expires > config.maxExpires()) {
                expires = config.maxExpires();
            }
            specs.add(new ContactSpec(na.uri().toString(), expires, q(na.param("q")), instance(na)));
        }
        if (tooBrief) {
            throw new RegisterRejected(423, null); // the caller adds Min-Expires (§10.3 step 7)
        }
        return new Result(false, specs);
    }

    private static float q(String v) throws RegisterRejected {
        if (v == null) {
            return Binding.NO_Q;
        }
        try {
            float q = Float.parseFloat(v.trim());
            if (!(q >= 0f && q <= 1f) || v.length() > 5) {
                throw new RegisterRejected(400, "Bad q value");
            }
            return q;
        } catch (NumberFormatException e) {
            throw new RegisterRejected(400, "Bad q value");
        }
    }

    private static String instance(NameAddress na) {
        String v = na.param("+sip.instance");
        if (v == null || v.isEmpty()) {
            return null;
        }
        String s = HeaderValues.unquote(v);
        return s.length() > 128 ? null : s; // an absurd one is just not used for matching
    }
}
