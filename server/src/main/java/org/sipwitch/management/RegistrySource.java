package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.CachedUser;
import org.sipwitch.mbeans.Registration;

/**
 * What the Registry MBean needs from the registrar and location service. The SIP side
 * implements it and hands it to {@link ManagementHooks#registry(RegistrySource)}; until
 * then {@link #ABSENT} answers: nothing is registered and changes are refused.
 */
public interface RegistrySource {

    /** Every binding, one per contact. */
    List<Registration> registrations();

    /** How many bindings there are, without making a row of each. */
    default int count() {
        return registrations().size();
    }

    /** Rows {@code offset .. offset + limit - 1} of {@link #registrations()}, in its order. */
    default List<Registration> page(int offset, int limit) {
        List<Registration> all = registrations();
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
    }

    /** Bindings per transport (udp, tcp, tls) and distinct users, without making a row of each. */
    default Counts counts() {
        java.util.Map<String, Long> byTransport = new java.util.TreeMap<>();
        java.util.Set<String> users = new java.util.HashSet<>();
        for (Registration r : registrations()) {
            byTransport.merge(r.transport().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            users.add(r.user());
        }
        return new Counts(byTransport, users.size());
    }

    /**
     * Sizes of the registry for /metrics: bindings per transport, distinct users, and each
     * gateway (by id) 1 while its registration with the provider holds, else 0.
     */
    record Counts(java.util.Map<String, Long> byTransport, int users, java.util.Map<String, Long> gatewaysUp) {
        public Counts(java.util.Map<String, Long> byTransport, int users) {
            this(byTransport, users, java.util.Map.of());
        }
    }

    /** Users recently authenticated. */
    List<CachedUser> userCache();

    /**
     * Adds a static binding of {@code extension} at {@code address}.
     *
     * @throws IllegalArgumentException with a one-line reason when refused (unknown extension, bad address)
     */
    void activate(String extension, String address);

    /**
     * Removes every binding of {@code extension}.
     *
     * @return how many were removed
     * @throws IllegalArgumentException when the extension is not registered
     */
    int release(String extension);

    /**
     * Sets ({@code target}) or cancels ({@code off}) a user's forwarding of one kind
     * ({@code all}, {@code busy}, {@code na}, {@code dnd}); kept across restarts.
     *
     * @return one line: what is now in force
     * @throws IllegalArgumentException for an unknown user or kind
     */
    default String forward(String user, String kind, String target) {
        throw Unavailable.of("call routing");
    }

    /** No registrar in this daemon. */
    RegistrySource ABSENT = new RegistrySource() {
        @Override
        public List<Registration> registrations() {
            return List.of();
        }

        @Override
        public List<CachedUser> userCache() {
            return List.of();
        }

        @Override
        public void activate(String extension, String address) {
            throw Unavailable.of("registrar");
        }

        @Override
        public int release(String extension) {
            throw Unavailable.of("registrar");
        }
    };
}
