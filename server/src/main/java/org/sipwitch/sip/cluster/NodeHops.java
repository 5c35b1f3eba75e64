package org.sipwitch.sip.cluster;

import java.net.InetAddress;
import org.sipwitch.ip.IpLiteral;
import org.sipwitch.sip.call.NodeRoutes;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * The node-to-node hop: a phone held by another node is called through that node,
 * unless it registered over UDP from the very address its Contact names (no NAT: it
 * listens where it says, and any node can send to it). The hop is signed with
 * {@link NodeProof}, and the node that gets it calls only its own phones.
 */
final class NodeHops implements NodeRoutes {
    private final NodeTable nodes;
    private final NodeProof proof;

    NodeHops(NodeTable nodes, NodeProof proof) {
        this.nodes = nodes;
        this.proof = proof;
    }

    @Override
    public Peer via(Binding binding) {
        String node = binding.node();
        if (node == null || node.equals(nodes.self()) || directlyReachable(binding)) {
            return null;
        }
        NodeState state = nodes.get(node);
        return state == null ? null : state.peer();
    }

    static boolean directlyReachable(Binding binding) {
        if (binding.peer().transport() != Transport.UDP) {
            return false; // TCP/TLS (and WebSocket) phones are reached over their connection, held by that node
        }
        try {
            SipUri contact = SipUri.parse(binding.contact());
            if (contact.hostAddress() == null) {
                return false;
            }
            InetAddress named = IpLiteral.parse(contact.hostAddress()).orElse(null);
            return named != null && named.equals(binding.peer().address().getAddress());
        } catch (SipParseException e) {
            return false;
        }
    }

    @Override
    public void sign(SipRequest request) {
        proof.sign(request);
    }

    @Override
    public boolean fromNode(SipRequest request) {
        return proof.signer(request) != null;
    }
}
