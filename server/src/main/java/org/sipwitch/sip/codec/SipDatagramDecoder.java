package org.sipwitch.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.transport.InboundMessage;
import org.sipwitch.sip.transport.Peer;
import org.sipwitch.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP message per UDP datagram (RFC 3261 §18.3): without Content-Length the rest
 * of the datagram is the body; a Content-Length larger than what is left is an error;
 * bytes after the body are ignored. A datagram of CR/LF only is a keep-alive and is
 * ignored. A head without its blank line ends at the end of the datagram. Unusable
 * requests are answered with 400 straight back to the sender, everything else that
 * is malformed is dropped and counted.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(SipDatagramDecoder.class);

    private final SipLimits limits;
    private final CodecCounters counters;
    private final HeadScanner scanner;
    private final HeadParser parser;

    public SipDatagramDecoder(SipLimits limits, CodecCounters counters) {
        super(DatagramPacket.class);
        this.limits = limits;
        this.counters = counters;
        this.scanner = new HeadScanner(limits);
        this.parser = new HeadParser(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            decodeDatagram(ctx, packet, out);
        } catch (RuntimeException e) {
            // a bug of ours, not the sender's: count the datagram and keep serving
            LOG.warn("Decoder failure on a datagram from {}", packet.sender(), e);
            counters.onDropped();
        }
    }

    private void decodeDatagram(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf buf = packet.content();
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - start > limits.maxMessageSize()) {
            drop(packet, "Message too large");
            return;
        }
        while (start < end && (buf.getByte(start) == '\r' || buf.getByte(start) == '\n')) {
            start++;
        }
        if (start == end) {
            counters.onKeepAlive();
            return;
        }
        buf.readerIndex(start);
        scanner.reset();
        int headLength;
        try {
            headLength = scanner.scan(buf, end);
        } catch (FramingException e) {
            drop(packet, e.getMessage());
            return;
        }
        int headTo = headLength < 0 ? end : SipStreamDecoder.blankLineStart(buf, start, start + headLength);
        int bodyStart = headLength < 0 ? end : start + headLength;
        ParsedHead head = parser.parse(buf, start, headTo);
        int rest = end - bodyStart;
        int length;
        try {
            length = ContentLength.of(head.headers, limits);
        } catch (FramingException e) {
            reject(ctx, packet, head, e.getMessage());
            return;
        }
        if (length == ContentLength.ABSENT) {
            if (rest > limits.maxBodySize()) {
                reject(ctx, packet, head, "Body too large");
                return;
            }
            length = rest;
        } else if (length > rest) {
            reject(ctx, packet, head, "Content-Length larger than the message");
            return;
        }
        MessageAssembler.Outcome outcome = MessageAssembler.assemble(head, buf, bodyStart, length);
        if (outcome.message() != null) {
            counters.onDecoded();
            out.add(new InboundMessage(outcome.message(), new Peer(Transport.UDP, packet.sender()),
                    Addresses.inet(ctx.channel().localAddress())));
        } else {
            respond(ctx, packet, outcome.answer(), outcome.reason());
        }
    }

    private void reject(ChannelHandlerContext ctx, DatagramPacket packet, ParsedHead head, String reason) {
        respond(ctx, packet, BadRequests.answer(head, reason), reason);
    }

    private void respond(ChannelHandlerContext ctx, DatagramPacket packet, SipResponse answer, String reason) {
        if (answer == null) {
            drop(packet, reason);
            return;
        }
        counters.onAnswered();
        ctx.writeAndFlush(new DatagramPacket(SipEncoder.encode(answer, ctx.alloc()), packet.sender()));
    }

    private void drop(DatagramPacket packet, String reason) {
        counters.onDropped();
        LOG.debug("Dropped datagram from {}: {}", packet.sender(), reason);
    }
}
