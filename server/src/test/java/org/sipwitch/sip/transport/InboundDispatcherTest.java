package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.slf4j.LoggerFactory;

/**
 * The end of every pipeline: a handler that throws is logged and counted and the next
 * message is handled on the same channel; an error of the JVM itself is not swallowed.
 */
class InboundDispatcherTest {
    static final Peer PHONE = new Peer(Transport.UDP, new InetSocketAddress("192.0.2.10", 5062));
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final List<String> handled = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(InboundDispatcher.class)).addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(InboundDispatcher.class)).detachAppender(log);
    }

    static InboundMessage options(String callId) throws Exception {
        SipRequest r = new SipRequest("OPTIONS", SipUri.parse("sip:127.0.0.1:5060"));
        r.addHeader("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-" + callId);
        r.addHeader("Call-ID", callId);
        return new InboundMessage(r, PHONE, LOCAL);
    }

    @Test
    void aHandlerThatThrowsIsLoggedAndCountedAndTheNextMessageIsHandled() throws Exception {
        InboundDispatcher dispatcher = new InboundDispatcher(in -> {
            if (in.message().callId().equals("bad")) {
                throw new IllegalStateException("a bug in the handler");
            }
            handled.add(in.message().callId());
        });
        EmbeddedChannel ch = new EmbeddedChannel(dispatcher);
        ch.writeInbound(options("bad"));
        ch.writeInbound(options("good"));

        assertThat(handled).containsExactly("good");
        assertThat(dispatcher.failures()).isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();
        ch.checkException(); // nothing surfaced as a channel error
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug in the handler");
        });
    }

    @Test
    void aVirtualMachineErrorIsRethrownAndTheChannelStopsServing() throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
        InboundDispatcher dispatcher = new InboundDispatcher(in -> {
            throw oom;
        });
        EmbeddedChannel ch = new EmbeddedChannel(dispatcher);
        assertThatThrownBy(() -> dispatcher.channelRead(ch.pipeline().context(dispatcher), options("a")))
                .isSameAs(oom);

        ch.writeInbound(options("b")); // through Netty: it hands the error to exceptionCaught
        assertThat(ch.isOpen()).isFalse();
        assertThat(dispatcher.failures()).isZero();
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("test: Java heap space");
        });
    }
}
