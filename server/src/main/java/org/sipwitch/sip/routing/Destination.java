package org.sipwitch.sip.routing;

import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;

/** What a dialled number resolves to. */
public sealed interface Destination {

    /** A provisioned user: its phones ring (unless its forwarding says otherwise). */
    record Local(UserPolicy user) implements Destination {
    }

    /** A ring group. */
    record Ring(Group group) implements Destination {
    }

    /**
     * Outside the building: through {@code gateway} (null for a foreign URI) to {@code uri} at {@code peer}.
     *
     * @param label how {@code calls} and statistics name the far end ({@code gateway:ID/NUMBER})
     */
    record External(Gateway gateway, SipUri uri, Peer peer, String label) implements Destination {
    }

    /** Refused with this status. */
    record Refuse(int status) implements Destination {
    }
}
