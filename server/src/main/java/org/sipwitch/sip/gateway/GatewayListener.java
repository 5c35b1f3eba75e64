package org.sipwitch.sip.gateway;

/** Hears a gateway's registration go up or down (the server turns these into events). */
public interface GatewayListener {
    GatewayListener NONE = new GatewayListener() {
        @Override
        public void up(String gatewayId, String detail) {
        }

        @Override
        public void down(String gatewayId, String reason) {
        }
    };

    /** Registered (again) with the provider. */
    void up(String gatewayId, String detail);

    /** A registration attempt failed; {@code reason} is one line without credentials. */
    void down(String gatewayId, String reason);
}
