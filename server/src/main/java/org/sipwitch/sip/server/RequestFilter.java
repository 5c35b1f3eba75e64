package org.sipwitch.sip.server;

import org.sipwitch.sip.transaction.ServerTransaction;

/**
 * Decides whether a new request may reach its handler. A filter that refuses
 * answers the transaction itself (403, 503) or leaves it unanswered (drop).
 */
@FunctionalInterface
public interface RequestFilter {
    boolean admit(ServerTransaction tx);

    RequestFilter ALLOW_ALL = tx -> true;
}
