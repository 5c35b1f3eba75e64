package org.sipwitch.wiring;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sipwitch.management.PolicySource;
import org.sipwitch.mbeans.PolicyEntry;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.security.AccessGate;

/** The Policy MBean's view of the access gate: blocked sources and the published address. */
final class GatePolicy implements PolicySource {
    private final AccessGate gate;
    private final Supplier<Optional<String>> published;
    private final CodecCounters codec;

    GatePolicy(AccessGate gate, CodecCounters codec, Supplier<Optional<String>> published) {
        this.gate = gate;
        this.codec = codec;
        this.published = published;
    }

    @Override
    public List<PolicyEntry> blocked() {
        return gate.authGuard().blocked().stream().map(b -> PolicyEntry.blocked(b.addressText(),
                b.since().toEpochMilli(), b.until().toEpochMilli(), b.failures(), b.lastUser())).toList();
    }

    @Override
    public List<String> guards() {
        return gate.guardLines();
    }

    @Override
    public List<String> counters() {
        List<String> out = new java.util.ArrayList<>();
        gate.counters().forEach((k, v) -> out.add(k + " " + v));
        // what never reached the gate: malformed input answered 400 or dropped by the decoders
        out.add("malformed-400 " + codec.malformedAnswered());
        out.add("malformed-dropped " + codec.dropped());
        return out;
    }

    @Override
    public List<PolicyEntry> targeted() {
        return gate.authGuard().targetedUsers().stream().map(u -> PolicyEntry.targeted(u.userId(),
                u.since().toEpochMilli(), u.failures(), "sources " + u.sourcesText(),
                u.lastSourceText())).toList();
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
