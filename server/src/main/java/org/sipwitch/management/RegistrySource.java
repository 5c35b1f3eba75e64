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
