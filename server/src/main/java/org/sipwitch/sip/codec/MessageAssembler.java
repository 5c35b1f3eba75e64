package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipResponse;

/**
 * The last step both decoders share: attach the body to a parsed head, check the
 * mandatory headers, and say what to do — hand the message on, answer 400, or drop.
 */
final class MessageAssembler {
    private MessageAssembler() {
    }

    /** Outcome of one framed message; exactly one of message/answer is set unless dropped. */
    record Outcome(SipMessage message, SipResponse answer, String reason) {
        /** CR/LF only: nothing to decode, nothing wrong. */
        static final Outcome KEEP_ALIVE = new Outcome(null, null, null);

        static Outcome rejected(ParsedHead head, String reason) {
            return new Outcome(null, BadRequests.answer(head, reason), reason);
        }

        static Outcome dropped(String reason) {
            return new Outcome(null, null, reason);
        }

        boolean isKeepAlive() {
            return this == KEEP_ALIVE;
        }
    }

    static Outcome assemble(ParsedHead head, ByteBuf buf, int bodyIndex, int bodyLength) {
        if (head.error != null) {
            return Outcome.rejected(head, head.error);
        }
        SipMessage message = head.message;
        String problem = MandatoryHeaders.check(message);
        if (problem != null) {
            return Outcome.rejected(head, problem);
        }
        // the encoder writes Content-Length from the body; a stale copy must not travel on
        message.headers().remove(HeaderNames.CONTENT_LENGTH);
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            buf.getBytes(bodyIndex, body);
            message.setBody(body, null);
        }
        return new Outcome(message, null, null);
    }
}
