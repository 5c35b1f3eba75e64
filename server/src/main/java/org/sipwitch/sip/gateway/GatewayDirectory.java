package org.sipwitch.sip.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;

/** The gateways of the configuration in force: by id, and by where a call comes from. Immutable. */
public final class GatewayDirectory {
    public static final GatewayDirectory EMPTY = new GatewayDirectory(List.of());

    private final Map<String, Gateway> byId = new LinkedHashMap<>();

    public GatewayDirectory(List<Gateway> gateways) {
        for (Gateway g : gateways) {
            byId.put(g.id(), g);
        }
    }

    public Gateway get(String id) {
        return byId.get(id);
    }

    public List<Gateway> all() {
        return List.copyOf(byId.values());
    }

    /** The gateway a request from {@code source} to {@code requestUri} comes from, or null (see {@link Gateway#isSource}). */
    public Gateway sourceOf(Peer source, SipUri requestUri) {
        for (Gateway g : byId.values()) {
            if (g.isSource(source, requestUri)) {
                return g;
            }
        }
        return null;
    }
}
