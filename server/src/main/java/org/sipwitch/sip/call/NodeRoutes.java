package org.sipwitch.sip.call;

import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.net.Peer;

/**
 * How the B2BUA reaches phones held by other nodes of a cluster, and recognises the
 * requests those nodes send it. A phone registered at another node over TCP/TLS or
 * from behind NAT can only be reached through that node's connection to it: the call
 * goes to that node (the node-to-node hop), signed, and that node calls its phone.
 * Without {@code <cluster>} every binding is this server's own: {@link #NONE}.
 */
public interface NodeRoutes {

    /** The node to send a request for this binding through, or null to send it to the phone itself. */
    Peer via(Binding binding);

    /** Adds the proof that this request comes from a node of the cluster. */
    void sign(SipRequest request);

    /** True when the request carries a valid proof that a node of the cluster sent it. */
    boolean fromNode(SipRequest request);

    NodeRoutes NONE = new NodeRoutes() {
        @Override
        public Peer via(Binding binding) {
            return null;
        }

        @Override
        public void sign(SipRequest request) {
        }

        @Override
        public boolean fromNode(SipRequest request) {
            return false;
        }
    };
}
