package org.sipwitch.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.message.SipResponse;

/** Records what a client transaction tells its TU. */
final class RecordingListener implements ClientTransactionListener {
    final List<SipResponse> provisional = new ArrayList<>();
    final List<SipResponse> finals = new ArrayList<>();
    final List<SipResponse> timeouts = new ArrayList<>();
    final List<SipResponse> transportErrors = new ArrayList<>();

    @Override
    public synchronized void onProvisional(ClientTransaction tx, SipResponse response) {
        provisional.add(response);
    }

    @Override
    public synchronized void onFinal(ClientTransaction tx, SipResponse response) {
        finals.add(response);
    }

    @Override
    public synchronized void onTimeout(ClientTransaction tx, SipResponse synthesised408) {
        timeouts.add(synthesised408);
    }

    @Override
    public synchronized void onTransportError(ClientTransaction tx, SipResponse synthesised503, Throwable cause) {
        transportErrors.add(synthesised503);
    }
}
