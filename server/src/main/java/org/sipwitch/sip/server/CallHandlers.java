package org.sipwitch.sip.server;

import org.sipwitch.sip.call.CallEngine;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;

/**
 * Plugs the call engine into the method router: the methods of calls and messaging,
 * and the dialog hooks (ACK of a 2xx, stray 2xx). In-dialog requests of any of these
 * methods reach the engine, which relays them leg to leg.
 */
public final class CallHandlers {
    /** Methods the engine takes; in-dialog OPTIONS stays with the router's own handler. */
    public static final String[] METHODS = {"INVITE", "CANCEL", "BYE", "INFO", "UPDATE", "MESSAGE", "NOTIFY", "REFER"};

    private CallHandlers() {
    }

    public static void install(RequestRouter router, CallEngine engine) {
        for (String method : METHODS) {
            router.handle(method, tx -> {
                if (!engine.onRequest(tx)) {
                    // an unsolicited NOTIFY belongs to no subscription of ours (RFC 6665 §4.1.3)
                    tx.respond(method.equals("NOTIFY") ? 481 : 405);
                }
            });
        }
        router.setDialogHandler(new DialogHandler() {
            @Override
            public void onAck(InboundMessage ack) {
                engine.onAck(ack);
            }

            @Override
            public void onStrayResponse(InboundMessage response) {
                engine.onStrayResponse(response);
            }

            @Override
            public void onAckNotResent(Peer to, Throwable cause) {
                engine.onAckNotResent(to, cause);
            }
        });
    }
}
