package org.sipwitch.sip.call;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * Where to send a request for a phone: its registration's source address or the
 * address its Contact names. Host names are not resolved here: a lane must never
 * block on DNS.
 */
final class ContactPeer {
    private ContactPeer() {
    }

    /**
     * The address to reach a binding at. Over TCP/TLS its registration's connection
     * (the Contact is the fallback when that is gone, see {@code CallSession.retryAtContact}).
     * Over UDP the Contact's address when the Contact names the very IP address the
     * REGISTER came from — the phone is not behind NAT and listens where it says (a
     * phone may register from another port than it listens on) — else the source
     * address, which is the only one that reaches a phone behind NAT (as Kamailio's
     * nat_uac_test "Contact differs from source" decides).
     */
    static Peer reach(Binding binding) {
        Peer registered = binding.peer();
        if (registered.transport().isStream()) {
            return registered;
        }
        Peer direct;
        try {
            direct = of(SipUri.parse(binding.contact()), registered.transport());
        } catch (SipParseException e) {
            return registered;
        }
        if (direct != null && direct.address().getAddress().equals(registered.address().getAddress())) {
            return direct;
        }
        return registered;
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
