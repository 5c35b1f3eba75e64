package org.sipwitch.sip.net;

import java.net.InetSocketAddress;
import org.sipwitch.sip.message.SipMessage;

/**
 * A decoded message with where it came from and which of our listeners got it.
 * The top Via of a request already carries received/rport stamped by the transport
 * (RFC 3581), so responses can be routed from the message alone.
 */
public record InboundMessage(SipMessage message, Peer source, InetSocketAddress local) {
}
