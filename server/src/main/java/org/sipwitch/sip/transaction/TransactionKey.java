package org.sipwitch.sip.transaction;

import java.util.Locale;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.Via;

/**
 * What identifies a transaction in the tables.
 *
 * <p>Server side (§17.2.3): the top Via branch, its sent-by and the method, where an
 * ACK counts as the INVITE it acknowledges. A CANCEL has its own transaction; looking
 * its key up with method INVITE finds the INVITE it cancels (§9.2). Requests from
 * RFC 2543 elements carry no "z9hG4bK" branch, and are keyed by Request-URI, From
 * tag, Call-ID, CSeq number, method and top Via instead; the To tag, the one field of
 * that rule that differs between an INVITE and its ACK, is checked by the transaction
 * ({@link ServerTransaction#matches}).
 *
 * <p>Client side (§17.1.3): our own branch plus the CSeq method of the response.
 */
public record TransactionKey(String id, String method) {
    private static final String LEGACY = "2543|";

    /** The key of the server transaction a request belongs to, with the method it matches. */
    public static TransactionKey forServer(SipRequest request, Via topVia, String method) throws SipParseException {
        if (topVia.hasRfc3261Branch()) {
            return new TransactionKey(topVia.branch() + '|' + topVia.sentBy(), method);
        }
        NameAddress from = request.from();
        String id = LEGACY + request.uri().toString().toLowerCase(Locale.ROOT)
                + '|' + from.tag()
                + '|' + request.callId()
                + '|' + request.cseq().sequence()
                + '|' + topVia.transport() + ' ' + topVia.sentBy() + ';' + topVia.branch();
        return new TransactionKey(id, method);
    }

    /** True for the RFC 2543 rule, whose matching also compares To tags ({@link ServerTransaction#matches}). */
    public boolean legacy() {
        return id.startsWith(LEGACY);
    }

    /** The method under which a request is matched: ACK matches its INVITE. */
    public static String matchingMethod(SipRequest request) {
        return request.isMethod("ACK") ? "INVITE" : request.method();
    }

    public static TransactionKey forClient(String branch, String method) {
        return new TransactionKey(branch, method);
    }

    /** The client key a response belongs to: its top Via branch and CSeq method. */
    public static TransactionKey forResponse(SipMessage response) throws SipParseException {
        String branch = response.topVia().branch();
        if (branch == null) {
            throw new SipParseException("Response without branch");
        }
        return new TransactionKey(branch, response.cseq().method());
    }

    /** The To tag of a message or null, for the RFC 2543 rule. */
    static String toTag(SipMessage m) {
        String to = m.header(HeaderNames.TO);
        if (to == null) {
            return null;
        }
        try {
            return NameAddress.parse(to).tag();
        } catch (SipParseException e) {
            return null;
        }
    }
}
