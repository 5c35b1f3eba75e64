package org.sipwitch.sip.codec;

import java.net.InetSocketAddress;
import org.sipwitch.sip.message.SipResponse;

/**
 * What a decoder hands on instead of a message it could not use, as Netty's
 * {@code DecoderResult} does: the decoder only says what went wrong and which answer
 * the head allows; the transport decides whether to send it (a forged UDP source must
 * not turn the server into a reflector) and does the writing and closing.
 *
 * @param answer      the {@code 400 Bad Request} the head allows, or null when it cannot be answered
 *                    (responses, ACKs, no readable Via/CSeq, garbage)
 * @param reason      why, for the log
 * @param sender      where the bytes came from (the datagram's source, the connection's remote end)
 * @param framingLost a stream whose framing is lost: nothing after this can be read, close it
 */
public record MalformedMessage(SipResponse answer, String reason, InetSocketAddress sender, boolean framingLost) {
}
