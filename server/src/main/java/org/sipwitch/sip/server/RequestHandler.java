package org.sipwitch.sip.server;

import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * Handles the requests of one or more methods. Runs on the lane of the request's
 * Call-ID (see {@link org.sipwitch.sip.transaction.TransactionUser}): must not block.
 */
@FunctionalInterface
public interface RequestHandler {
    void handle(ServerTransaction tx);
}
