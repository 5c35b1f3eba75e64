package org.sipwitch.sip.transaction;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.transport.InboundMessage;
import org.sipwitch.sip.transport.Peer;
import org.sipwitch.sip.transport.Transport;

/**
 * Where the responses to a request go (RFC 3261 §18.2.2 with RFC 3581). Over a stream
 * they go back on the connection the request came on, i.e. to its source. Over UDP to
 * the address in "received" (the transport stamps it when the Via host is not the
 * packet's source), at the port of "rport" when the client asked for it, else the Via
 * port, else 5060. No DNS: without "received" the Via host is the source address.
 * (The transport package has its own version; they are to be unified.)
 */
public final class ResponseDestination {
    private ResponseDestination() {
    }

    public static Peer of(InboundMessage request, Via topVia) {
        Peer source = request.source();
        if (source.transport().isStream()) {
            return source;
        }
        InetAddress ip = source.address().getAddress();
        String received = topVia.param("received");
        if (received != null && isIpLiteral(received)) {
            try {
                ip = InetAddress.getByName(stripBrackets(received)); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                // a malformed received= is ignored: the source address is the best answer
            }
        }
        int port = parsePort(topVia.param("rport"));
        if (port < 0) {
            port = topVia.port() > 0 ? topVia.port() : Transport.UDP.defaultPort();
        }
        InetSocketAddress from = source.address();
        if (port == from.getPort() && ip.equals(from.getAddress())) {
            return source; // the usual case (rport, or a phone that sends from its Via port): no copy
        }
        return new Peer(Transport.UDP, new InetSocketAddress(ip, port));
    }

    /** Only literals: a hostname in received= would make us block on DNS. */
    private static boolean isIpLiteral(String s) {
        if (s.isEmpty() || s.length() > 47) {
            return false;
        }
        boolean colon = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isDigit(c) || c == '.' || (colon && (c == ':' || c == '[' || c == ']'
                    || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int parsePort(String value) {
        if (value == null || value.isEmpty() || value.length() > 5) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return -1;
            }
        }
        int p = Integer.parseInt(value);
        return p > 0 && p <= 65535 ? p : -1;
    }
}
