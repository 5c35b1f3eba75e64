package org.sipwitch.management;

import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.mbeans.RealmInfo;

/**
 * The realm in force and how to change it. The auth layer implements it (a change must
 * invalidate its outstanding nonces) and wires it through
 * {@link ManagementHooks#realm(RealmControl)}. The default, {@link ConfigRealm}, keeps the
 * configured realm with an in-memory override: without an auth layer there are no
 * nonces to invalidate.
 */
public interface RealmControl {

    RealmInfo current();

    /** Makes {@code realm} and {@code digest} the ones in force; returns them. */
    RealmInfo change(String realm, DigestAlgorithm digest);
}
