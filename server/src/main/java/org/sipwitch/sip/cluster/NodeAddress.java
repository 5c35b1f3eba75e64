package org.sipwitch.sip.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * A node's SIP address as nodes publish it: {@code sip:host:port;transport=tcp} (UDP
 * when no transport is named). A host name is resolved here, on the cluster thread,
 * never on a lane.
 */
final class NodeAddress {
    private NodeAddress() {
    }

    /** {@code sip:host:port;transport=t} from {@code host:port[;transport=t]} or an already formed one. */
    static String format(String hostPort, Transport transport) {
        String text = hostPort.startsWith("sip:") ? hostPort : "sip:" + hostPort;
        if (!text.contains(";transport=") && transport != Transport.UDP) {
            text += ";transport=" + transport.param();
        }
        return text;
    }

    /** The socket address of a published address, or null when it cannot be read or resolved. */
    static Peer peer(String address) {
        if (address == null || !address.startsWith("sip:")) {
            return null;
        }
        String rest = address.substring(4);
        Transport transport = Transport.UDP;
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            String params = rest.substring(semi + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, semi);
            for (String p : params.split(";")) {
                if (p.startsWith("transport=")) {
                    Transport t = Transport.fromToken(p.substring(10));
                    if (t == null) {
                        return null;
                    }
                    transport = t;
                }
            }
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || rest.endsWith("]")) {
            return null;
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(rest.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            return new Peer(transport, new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }
}
