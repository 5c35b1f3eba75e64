package org.sipwitch.sip.registrar;

import java.util.Optional;

/**
 * Resolves the user part of an address (To of a REGISTER, or a digest username)
 * to a provisioned user: by user id, by extension or by alias. The config's user
 * directory is adapted to this. Must be fast and thread-safe.
 */
@FunctionalInterface
public interface UserLookup {
    Optional<UserIdentity> resolve(String name);
}
