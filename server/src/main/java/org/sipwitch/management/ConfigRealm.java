package org.sipwitch.management;

import java.util.Set;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.RegistryConfig;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.mbeans.RealmInfo;

/**
 * The default {@link RealmControl}: the realm of the configuration in force. A change is
 * a live change of that configuration, so the dump shows it and whoever applies the
 * configuration (the authenticator, which also invalidates its nonces) hears of it; the
 * next reload puts the files back in charge.
 */
final class ConfigRealm implements RealmControl {

    private final LiveConfig config;

    ConfigRealm(LiveConfig config) {
        this.config = config;
    }

    @Override
    public RealmInfo current() {
        RegistryConfig r = config.current().registry();
        return new RealmInfo(r.realm(), r.digest().configName());
    }

    @Override
    public RealmInfo change(String realm, DigestAlgorithm digest) {
        config.adjust(Set.of("registry.realm", "registry.digest"),
                c -> c.withRegistry(c.registry().withRealm(realm, digest)));
        return current();
    }
}
