package org.sipwitch.sip.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.sipwitch.sip.net.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP message per UDP datagram (see {@link DatagramFraming} for the rules).
 * What cannot be used goes on as a {@link MalformedMessage} carrying the 400 its head
 * allows, for the transport to send or drop; CR/LF keep-alives are counted and ignored.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(SipDatagramDecoder.class);

    private final CodecCounters counters;
    private final DatagramFraming framing;
    private final RecentSenders senders = new RecentSenders();

    public SipDatagramDecoder(SipLimits limits, CodecCounters counters) {
        super(DatagramPacket.class);
        this.counters = counters;
        this.framing = new DatagramFraming(limits);
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
            out.add(new InboundMessage(outcome.message(), senders.of(packet.sender()),
                    Addresses.inet(ctx.channel().localAddress())));
        } else if (outcome.isKeepAlive()) {
            counters.onKeepAlive();
        } else {
            out.add(new MalformedMessage(outcome.answer(), outcome.reason(), packet.sender(), false));
        }
    }
}
