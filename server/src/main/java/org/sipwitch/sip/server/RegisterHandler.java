package org.sipwitch.sip.server;

import org.sipwitch.sip.registrar.Registrar;
import org.sipwitch.sip.transaction.ServerTransaction;

/** REGISTER goes to the registrar, which answers synchronously (no I/O inside). */
public final class RegisterHandler implements RequestHandler {
    private final Registrar registrar;

    public RegisterHandler(Registrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void handle(ServerTransaction tx) {
        tx.respond(registrar.handle(tx.request(), tx.inbound().source()));
    }
}
