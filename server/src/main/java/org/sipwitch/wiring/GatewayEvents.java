package org.sipwitch.wiring;

import org.sipwitch.management.Events;
import org.sipwitch.sip.gateway.GatewayListener;

/** A gateway's registration going up or down becomes an event ({@code sipwitchctl events}, JMX notifications). */
final class GatewayEvents implements GatewayListener {
    private final Events events;

    GatewayEvents(Events events) {
        this.events = events;
    }

    @Override
    public void up(String gatewayId, String detail) {
        events.registrationActivated("gateway:" + gatewayId, null, detail);
    }

    @Override
    public void down(String gatewayId, String reason) {
        events.warning("gateway " + gatewayId + " down: " + reason);
    }
}
