package org.sipwitch.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;

/**
 * Where the responses to a request go (RFC 3261 §18.2.2, RFC 3581 §4). Over a stream:
 * back on the connection it arrived on. Over UDP: the {@code received} address when it
 * is an IP literal, else the packet's source address (the Via host is only trusted in
 * the form {@link ViaStamping} left it: it names the source, or {@code received} was
 * added), at the {@code rport} port when the UA asked for it, else the Via port, else
 * 5060. Never resolves names: the answer is computed on the event loop or a lane.
 */
public final class ResponseRouting {
    private ResponseRouting() {
    }

    /** For a request whose top Via the caller has not parsed yet. */
    public static Peer destination(InboundMessage request) {
        try {
            return destination(request, request.message().topVia());
        } catch (SipParseException e) {
            return request.source();
        }
    }

    public static Peer destination(InboundMessage request, Via topVia) {
        Peer source = request.source();
        if (source.transport().isStream()) {
            return source;
        }
        InetSocketAddress from = source.address();
        InetAddress ip = received(topVia, from.getAddress());
        int port = parsePort(topVia.param("rport"));
        if (port < 0) {
            port = topVia.port() > 0 ? topVia.port() : source.transport().defaultPort();
        }
        if (port == from.getPort() && ip.equals(from.getAddress())) {
            return source; // the usual case (rport, or a phone that sends from its Via port): no copy
        }
        return new Peer(source.transport(), new InetSocketAddress(ip, port));
    }

    /** Only a literal: a host name in received= would make us block on DNS. */
    private static InetAddress received(Via via, InetAddress fallback) {
        String received = via.param("received");
        if (received == null || received.isEmpty() || received.length() > 47) {
            return fallback;
        }
        if (received.startsWith("[") && received.endsWith("]")) {
            received = received.substring(1, received.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(received);
        if (bytes == null) {
            return fallback;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return fallback; // cannot happen for 4 or 16 bytes
        }
    }

    private static int parsePort(String value) {
        if (value == null || value.isEmpty() || value.length() > 5) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            p = p * 10 + (c - '0');
        }
        return p > 0 && p <= 65535 ? p : -1;
    }
}
