package org.sipwitch.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/** An idle browser is pinged before it is given up; its end is told to the flow listener. */
class WebSocketFlowTest {
    static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

    final List<Object> events = new ArrayList<>();
    final List<Peer> closed = new ArrayList<>();
    final EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFlow(Transport.WS, new CodecCounters(),
            () -> closed::add), new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            }) {
        @Override
        protected SocketAddress remoteAddress0() {
            return REMOTE;
        }
    };

    void upgrade() {
        ch.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/",
                EmptyHttpHeaders.INSTANCE, "sip"));
        events.clear();
    }

    @Test
    void anIdleBrowserIsPingedAndOnlyASilentOneIsGivenUp() {
        upgrade();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        assertThat(events).isEmpty(); // not passed on: the dispatcher would close

        ch.writeInbound(new PongWebSocketFrame());
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT); // no answer this time
        assertThat(events).containsExactly(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }

    @Test
    void aCrlfPingIsAnsweredAndTheEndOfAnUpgradedConnectionIsTold() {
        upgrade();
        ch.writeInbound(new TextWebSocketFrame("\r\n\r\n"));
        TextWebSocketFrame pong = ch.readOutbound();
        assertThat(pong.text()).isEqualTo("\r\n");
        pong.release();
        ch.close();
        assertThat(closed).containsExactly(new Peer(Transport.WS, REMOTE));
    }

    @Test
    void aConnectionThatNeverUpgradedIsNotAFlow() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(events).containsExactly(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        ch.close();
        assertThat(closed).isEmpty();
    }
}
