package org.sipwitch.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sipwitch.sip.net.InboundMessage;

/** A TU that records every callback; {@link #onNewRequest} lets a test answer inline. */
final class RecordingUser implements TransactionUser {
    final List<ServerTransaction> requests = new ArrayList<>();
    final List<InboundMessage> acks = new ArrayList<>();
    final List<InboundMessage> strays = new ArrayList<>();
    final List<ServerTransaction> timeouts = new ArrayList<>();
    final List<ServerTransaction> transportErrors = new ArrayList<>();
    Consumer<ServerTransaction> onNewRequest = tx -> { };

    @Override
    public synchronized void onRequest(ServerTransaction tx) {
        requests.add(tx);
        onNewRequest.accept(tx);
    }

    @Override
    public synchronized void onAck(InboundMessage ack) {
        acks.add(ack);
    }

    @Override
    public synchronized void onStrayResponse(InboundMessage response) {
        strays.add(response);
    }

    @Override
    public synchronized void onServerTimeout(ServerTransaction tx) {
        timeouts.add(tx);
    }

    @Override
    public synchronized void onServerTransportError(ServerTransaction tx, Throwable cause) {
        transportErrors.add(tx);
    }

    ServerTransaction last() {
        return requests.get(requests.size() - 1);
    }
}
