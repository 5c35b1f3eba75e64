package org.sipwitch.sip.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.sipwitch.sip.transport.InboundMessage;
import org.sipwitch.sip.transport.Peer;
import org.sipwitch.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP message per UDP datagram (see {@link DatagramFraming} for the rules).
 * Unusable requests are answered with 400 straight back to the sender when the
 * {@link AnswerFilter} lets them; everything else that is malformed is dropped and
 * counted; CR/LF keep-alives are ignored.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(SipDatagramDecoder.class);

    private final CodecCounters counters;
    private final DatagramFraming framing;
    private final AnswerFilter answers;

    public SipDatagramDecoder(SipLimits limits, CodecCounters counters) {
        this(limits, counters, AnswerFilter.ALWAYS);
    }

    /** @param answers which senders of malformed requests get their 400 (the others: a counted drop) */
    public SipDatagramDecoder(SipLimits limits, CodecCounters counters, AnswerFilter answers) {
        super(DatagramPacket.class);
        this.counters = counters;
        this.framing = new DatagramFraming(limits);
        this.answers = answers;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        MessageAssembler.Outcome outcome;
        try {
            outcome = framing.frame(packet.content());
        } catch (RuntimeException e) {
            // a bug of ours, not the sender's: count the datagram and keep serving
            LOG.warn("Decoder failure on a datagram from {}", packet.sender(), e);
            counters.onDropped();
            return;
        }
        if (outcome.message() != null) {
            counters.onDecoded();
            out.add(new InboundMessage(outcome.message(), new Peer(Transport.UDP, packet.sender()),
                    Addresses.inet(ctx.channel().localAddress())));
        } else if (outcome.answer() != null && answers.mayAnswer(packet.sender())) {
            counters.onAnswered();
            ctx.writeAndFlush(new DatagramPacket(SipEncoder.encode(outcome.answer(), ctx.alloc()), packet.sender()));
        } else if (outcome.isKeepAlive()) {
            counters.onKeepAlive();
        } else {
            counters.onDropped();
            LOG.debug("Dropped datagram from {}: {}", packet.sender(), outcome.reason());
        }
    }
}
