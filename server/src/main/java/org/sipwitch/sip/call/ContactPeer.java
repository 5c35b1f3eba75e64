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

    /**
     * Where to call a phone at its Contact when its registration's connection is gone: over
     * the transport the Contact names, as RFC 3263 §4.1 has it (a phone that registered
     * through a TLS front end may say it listens on plain TCP), else over the one it
     * registered on. A WebSocket is never opened from our side, so naming one changes nothing.
     */
    static Peer atContact(SipUri contact, Transport registered) {
        Transport named = contact == null ? null : Transport.fromToken(contact.transport());
        if (named == Transport.TCP && contact.isSecure()) {
            named = Transport.TLS; // sips: over "tcp" means TLS (RFC 3261 §26.2.2)
        }
        return of(contact, named == null || named.isWebSocket() ? registered : named);
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
