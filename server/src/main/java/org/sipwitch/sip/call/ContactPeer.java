package org.sipwitch.sip.call;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.transport.Peer;
import org.sipwitch.sip.transport.Transport;

/**
 * The socket address a Contact URI names, when it names one by IP literal. Host names
 * are not resolved here: a lane must never block on DNS.
 */
final class ContactPeer {
    private ContactPeer() {
    }

    static Peer of(SipUri contact, Transport transport) {
        if (contact == null || contact.isTel() || contact.hostAddress() == null) {
            return null;
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(contact.hostAddress());
        if (ip == null) {
            return null;
        }
        try {
            int port = contact.portOr(transport.defaultPort());
            return new Peer(transport, new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
