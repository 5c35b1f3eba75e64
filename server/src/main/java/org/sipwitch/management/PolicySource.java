package org.sipwitch.management;

import java.util.List;
import java.util.Optional;
import org.sipwitch.mbeans.PolicyEntry;

/**
 * What the Policy MBean shows beyond the configured access lists: the sources the
 * security guard has blocked, and the published (peering) address once the listeners
 * know it. The security layer's AccessGate is adapted to this by the daemon's assembly
 * and wired through {@link ManagementHooks#policy(PolicySource)}.
 */
public interface PolicySource {

    /** Blocked sources ({@link PolicyEntry#blocked}). */
    List<PolicyEntry> blocked();

    /** The guards' settings, one line each (auth-guard, rate-limit, queue-limit). */
    default List<String> guards() {
        return List.of();
    }

    /** What the guards did since start: {@code allowed 120}, {@code refused-503 4}, … */
    default List<String> counters() {
        return List.of();
    }

    /** Users under password guessing ({@link PolicyEntry#targeted}). */
    default List<PolicyEntry> targeted() {
        return List.of();
    }

    /** The published address {@code host:port}, when the SIP side knows it better than the config. */
    Optional<String> published();

    /**
     * Lifts a block on a source address.
     *
     * @return whether it was blocked
     * @throws IllegalArgumentException when the text is not an IP address
     */
    default boolean release(String address) {
        throw Unavailable.of("security guard");
    }

    PolicySource ABSENT = new PolicySource() {
        @Override
        public List<PolicyEntry> blocked() {
            return List.of();
        }

        @Override
        public Optional<String> published() {
            return Optional.empty();
        }
    };
}
