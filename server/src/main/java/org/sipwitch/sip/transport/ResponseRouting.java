package org.sipwitch.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.Via;

/**
 * Where the responses to a request go (RFC 3261 §18.2.2, RFC 3581 §4). Over a
 * stream: back on the connection it arrived on. Over UDP: the {@code received}
 * address (else the Via host when it is an IP literal, else the source IP), at the
 * {@code rport} port when the UA asked for it, else the Via port, else 5060.
 * Never resolves names: the answer is computed on the event loop.
 */
public final class ResponseRouting {
    private ResponseRouting() {
    }

    public static Peer destination(InboundMessage request) {
        Peer source = request.source();
        if (source.transport().isStream()) {
            return source;
        }
        Via via;
        try {
            via = request.message().topVia();
        } catch (SipParseException e) {
            return source;
        }
        InetAddress ip = address(via, source);
        int port = source.address().getPort();
        String rport = via.param("rport");
        if (rport != null && !rport.isEmpty()) {
            port = parsePort(rport, port);
        } else if (via.port() >= 0) {
            port = via.port();
        } else {
            port = source.transport().defaultPort();
        }
        return new Peer(source.transport(), new InetSocketAddress(ip, port));
    }

    private static InetAddress address(Via via, Peer source) {
        String received = via.param("received");
        String literal = received != null && !received.isEmpty() ? received : via.host();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes != null) {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                // cannot happen for 4 or 16 bytes; fall back to the source
            }
        }
        return source.address().getAddress();
    }

    private static int parsePort(String s, int fallback) {
        if (s.length() > 5) {
            return fallback;
        }
        int p = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
            p = p * 10 + (c - '0');
        }
        return p > 0 && p <= 65535 ? p : fallback;
    }
}
