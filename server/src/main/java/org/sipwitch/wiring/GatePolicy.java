package org.sipwitch.wiring;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sipwitch.management.PolicySource;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.BlockedSource;

/** The Policy MBean's view of the access gate: blocked sources and the published address. */
final class GatePolicy implements PolicySource {
    private final AccessGate gate;
    private final Supplier<Optional<String>> published;

    GatePolicy(AccessGate gate, Supplier<Optional<String>> published) {
        this.gate = gate;
        this.published = published;
    }

    @Override
    public List<String> blockedSources() {
        return gate.authGuard().blocked().stream().map(BlockedSource::describe).toList();
    }

    @Override
    public boolean release(String address) {
        return gate.authGuard().release(address);
    }

    @Override
    public Optional<String> published() {
        return published.get();
    }
}
